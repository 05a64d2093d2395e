/**
 * The browser transport: the SockeyeApi over `sockeye serve`'s WebSocket. Calls are JSON
 * messages with ids; results are validated with the same schemas the server validated params
 * with. A dropped connection fails the calls in flight with a clear error and reconnects with
 * backoff; listeners stay subscribed across reconnects. The credential travels as a WebSocket
 * subprotocol (browsers cannot set headers on a WebSocket), never in a cookie or the URL.
 */
import { apiMethods, type ApiEvent, type MethodName, type SockeyeApi } from '../../../shared/api';
import { WirePartsAssembler } from '../../../shared/wireParts';
import { validateSnapshotInSlices } from './validateInSlices';

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
    const parts = new WirePartsAssembler();
    sock.onopen = () => {
      retry = 0;
      options.onStatus?.('open');
      while (queue.length) sock.send(queue.shift()!);
    };
    sock.onmessage = (ev) => {
      let msg: { id?: number; result?: unknown; error?: { code: string; message: string }; event?: ApiEvent };
      // A big message comes in pieces, one task each (see wireParts.ts).
      const text = parts.accept(String(ev.data));
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
      const invalid = (why: string | undefined) =>
        new Error(`the server sent an invalid ${call.method} result: ${why ?? ''}`);
      const validate = () => {
        const parsed = apiMethods[call.method].result.safeParse(msg.result);
        if (parsed.success) call.resolve(parsed.data);
        else call.reject(invalid(parsed.error.issues[0]?.message));
      };
      // A whole snapshot (~5 MB at 20k sockets) is validated in slices of sockets, each in a
      // task of its own after the one that parsed it, not in one long task that freezes the page.
      if (text.length <= BIG_MESSAGE) validate();
      else if (call.method === 'snapshot') {
        validateSnapshotInSlices(msg.result).then(
          (r) => (r.ok ? call.resolve(r.snapshot) : call.reject(invalid(r.message))),
          (err: Error) => call.reject(invalid(err.message)),
        );
      } else setTimeout(validate);
    };
    sock.onerror = () => {};
    sock.onclose = () => {
      ws = null;
      parts.reset();
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
  const api = {
    transport: 'websocket' as const,
    onEvent(listener: (e: ApiEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      ws?.close();
      failAll('closed');
    },
  } as Record<string, unknown>;
  for (const method of Object.keys(apiMethods) as MethodName[]) {
    api[method] = (params: unknown) => call(method, params);
  }
  return api as unknown as SockeyeApi & { close(): void };
}
