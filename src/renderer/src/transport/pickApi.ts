/**
 * One interface, two transports: the Electron preload's API when present, else the WebSocket
 * of `sockeye serve` on the page's own host. The token arrives once in the URL; it is kept for
 * this tab only and removed from the address bar so it does not end up in screenshots.
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

export function pickApi(onStatus?: WsApiOptions['onStatus']): SockeyeApi {
  if (window.sockeye) return validatedIpcApi(window.sockeye);
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('sockeye.token', fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = fromUrl ?? sessionStorage.getItem('sockeye.token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createWsApi({ url: `${scheme}://${window.location.host}/ws?token=${encodeURIComponent(token)}`, onStatus });
}
