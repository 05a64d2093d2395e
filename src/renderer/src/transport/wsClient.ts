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
import { validateResult } from './validateResult';

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

export function createWsApi(options: WsApiOptions): SockeyeApi & { close(): void } {
  const Ctor = options.WebSocket ?? (globalThis.WebSocket as unknown as new (url: string, p?: string[]) => WsLike);
  const listeners = new Set<(e: ApiEvent) => void>();
  const pending = new Map<
    number,
    {
      resolve: (v: unknown) => void;
      reject: (e: Error) => void;
      method: MethodName;
      timer: ReturnType<typeof setTimeout>;
    }
  >();
  const queue: string[] = [];
  let ws: WsLike | null = null;
  let nextId = 1;
  let retry = 0;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  const failAll = (why: string) => {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      call.reject(new Error(why));
      pending.delete(id);
    }
  };

  /** Characters above which a result is validated in a task of its own. */
  const BIG_MESSAGE = 1_000_000;

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
      let msg: { id?: number; result?: unknown; error?: { code: string; message: string }; event?: ApiEvent };
      // A big message comes in pieces, one task each (see src/common/wire/pieces.ts).
      const text = assembler.accept(String(ev.data));
      if (text === null) return;
      try {
        msg = JSON.parse(text);
      } catch {
        return;
      }
      if (msg.event) {
        for (const l of listeners) l(msg.event);
        return;
      }
      const call = typeof msg.id === 'number' ? pending.get(msg.id) : undefined;
      if (!call) return;
      pending.delete(msg.id!);
      clearTimeout(call.timer);
      if (msg.error) return call.reject(new Error(`${msg.error.message} (${msg.error.code})`));
      validateResult(call.method, msg.result, 'the server', text.length > BIG_MESSAGE).then(call.resolve, call.reject);
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
    return new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method} timed out`));
      }, options.callTimeoutMs ?? 60_000);
      pending.set(id, { resolve, reject, method, timer });
      const text = JSON.stringify({ id, method, params });
      if (ws && ws.readyState === OPEN) ws.send(text);
      else queue.push(text);
    });
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
