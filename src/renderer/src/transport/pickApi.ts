/**
 * One interface, two transports: the Electron preload's API when present, else the WebSocket
 * of `sockeye serve` on the page's own host. The printed link carries a one-time code: the page
 * removes it from the address bar and trades it (POST /session) for a session credential kept
 * in this tab's sessionStorage — so the link left in the browser's history is spent, and no
 * cookie goes to every other server on 127.0.0.1.
 */
import type { MethodName, SockeyeApi } from '../../../common/contract/api';
import { createApiClient } from '../../../common/contract/apiClient';
import { validateResult } from './validateResult';
import { createWsApi, type WsApiOptions } from './wsClient';

declare global {
  interface Window {
    sockeye?: SockeyeApi;
  }
}

/** The preload's API with every result checked against the contract, as the WebSocket client checks its own. */
export function validatedIpcApi(ipc: SockeyeApi): SockeyeApi {
  const raw = ipc as unknown as Record<MethodName, (params: unknown) => Promise<unknown>>;
  return createApiClient({
    kind: 'ipc',
    call: async (method, params) =>
      validateResult(
        method,
        await raw[method](params),
        'the main process',
        method === 'snapshot' || method === 'openSnapshot',
      ),
    onEvent: (listener) => ipc.onEvent(listener),
  });
}

const SESSION_KEY = 'sockeye.session';
/** Must match the server's WS_PROTOCOL and WS_SESSION_PREFIX (src/node/server/sessionCredentials.ts). */
const WS_PROTOCOL = 'sockeye';
const WS_SESSION_PREFIX = 'sockeye-session.';
const NO_SESSION = 'this tab has no session: open the newest link `sockeye serve` printed';

async function errorOf(res: Response, fallback: string): Promise<string> {
  try {
    const body = (await res.json()) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : fallback;
  } catch {
    return fallback;
  }
}

/** The session for this tab: the one it holds, or one traded for the link's code. */
async function exchange(code: string): Promise<string> {
  const res = await fetch('/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(await errorOf(res, `the link was refused (HTTP ${res.status})`));
  const { session } = (await res.json()) as { session: string };
  sessionStorage.setItem(SESSION_KEY, session);
  return session;
}

/** Before a reconnect: is the session still known (serve may have restarted and forgotten it)? */
async function stillValid(session: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch('/session', { headers: { Authorization: `Bearer ${session}` }, cache: 'no-store' });
  } catch {
    return; // unreachable: the WebSocket's own retries say so
  }
  if (res.status === 401) {
    sessionStorage.removeItem(SESSION_KEY);
    throw new Error(`${await errorOf(res, 'this session ended')}: open the newest link \`sockeye serve\` printed`);
  }
}

export function pickApi(onStatus?: WsApiOptions['onStatus']): SockeyeApi {
  if (window.sockeye) return validatedIpcApi(window.sockeye);
  const url = new URL(window.location.href);
  const code = url.searchParams.get('code');
  if (code) {
    url.searchParams.delete('code');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const held = sessionStorage.getItem(SESSION_KEY);
  // A code is traded even when the tab holds a session: the link was opened to be used.
  let session: Promise<string> = code
    ? exchange(code)
    : held
      ? Promise.resolve(held)
      : Promise.reject(new Error(NO_SESSION));
  session.catch(() => {}); // reported through the connection status
  let attempts = 0;
  const protocols = async () => {
    let s = await session.catch((err: Error) => {
      // A spent code in a tab that still holds a session (a reload of the first page): keep that session.
      if (code && held) return held;
      throw err;
    });
    if (attempts++ > 0) {
      await stillValid(s);
      s = sessionStorage.getItem(SESSION_KEY) ?? s;
    }
    session = Promise.resolve(s);
    return [WS_PROTOCOL, WS_SESSION_PREFIX + s];
  };
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createWsApi({ url: `${scheme}://${window.location.host}/ws`, protocols, onStatus });
}
