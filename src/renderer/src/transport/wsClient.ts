/**
 * The browser transport: the SockeyeApi over `sockeye serve`'s WebSocket. Calls are JSON
 * messages with ids; results are validated with the same schemas the server validated params
 * with. A dropped connection fails the calls in flight with a clear error and reconnects with
 * backoff; listeners stay subscribed across reconnects. The credential travels as a WebSocket
 * subprotocol (browsers cannot set headers on a WebSocket), never in a cookie or the URL.
 */
import type { ApiEvent, MethodName, SockeyeApi } from '../../../common/contract/api';
import { PiecedMessageAssembler } from '../../../common/wire/pieces';
import { createApiClient } from '../../../common/contract/apiClient';
import { PendingCalls, type Answer } from './pendingCalls';

type WsLike = {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
};

export interface WsApiOptions {
  url: string;
  WebSocket?: new (url: string, protocols?: string[]) => WsLike;
  /**
   * The subprotocols to offer on each connect (`sockeye-session.<credential>` among them), asked
   * afresh before every attempt; a rejection ends the connection for good with its message.
   */
  protocols?: () => Promise<string[]>;
  /** Told whenever the connection opens or drops, for the header. */
  onStatus?: (status: 'connecting' | 'open' | 'closed', detail?: string) => void;
  callTimeoutMs?: number;
}

const OPEN = 1;

/** One whole message from the server: an event for the listeners, or the answer to a call. */
function deliver(text: string, pending: PendingCalls, listeners: Set<(e: ApiEvent) => void>): void {
  let msg: Answer & { event?: ApiEvent };
  try {
    msg = JSON.parse(text);
  } catch {
    return;
  }
  if (msg.event) {
    for (const l of listeners) l(msg.event);
    return;
  }
  pending.settle(msg, text.length);
}

export function createWsApi(options: WsApiOptions): SockeyeApi & { close(): void } {
  const Ctor = options.WebSocket ?? (globalThis.WebSocket as unknown as new (url: string, p?: string[]) => WsLike);
  const listeners = new Set<(e: ApiEvent) => void>();
  const pending = new PendingCalls(options.callTimeoutMs ?? 60_000);
  const queue: string[] = [];
  let ws: WsLike | null = null;
  let retry = 0;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const failAll = (why: string) => pending.failAll(why);

  function connect(): void {
    options.onStatus?.('connecting');
    if (!options.protocols) return open(undefined);
    options.protocols().then(
      (protocols) => {
        if (!closed) open(protocols);
      },
      (err: Error) => {
        // No credential (a used link, a server restarted): retrying cannot help, saying why can.
        closed = true;
        failAll(err.message);
        options.onStatus?.('closed', err.message);
      },
    );
  }

  function open(protocols: string[] | undefined): void {
    const sock = protocols ? new Ctor(options.url, protocols) : new Ctor(options.url);
    ws = sock;
    const assembler = new PiecedMessageAssembler();
    sock.onopen = () => {
      retry = 0;
      options.onStatus?.('open');
      while (queue.length) sock.send(queue.shift()!);
    };
    sock.onmessage = (ev) => {
      // A big message comes in pieces, one task each (see src/common/wire/pieces.ts).
      const text = assembler.accept(String(ev.data));
      if (text !== null) deliver(text, pending, listeners);
    };
    sock.onerror = () => {};
    sock.onclose = () => {
      ws = null;
      assembler.reset();
      failAll('the connection to Sockeye was lost');
      if (closed) return;
      const delay = Math.min(10_000, 250 * 2 ** retry++);
      options.onStatus?.('closed', `reconnecting in ${Math.round(delay / 1000)} s`);
      reconnectTimer = setTimeout(connect, delay);
    };
  }

  function call(method: MethodName, params: unknown): Promise<unknown> {
    const { id, result } = pending.add(method);
    const text = JSON.stringify({ id, method, params });
    if (ws && ws.readyState === OPEN) ws.send(text);
    else queue.push(text);
    return result;
  }

  connect();
  const api = createApiClient({
    kind: 'websocket',
    call,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return Object.assign(api, {
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      ws?.close();
      failAll('closed');
    },
  });
}
