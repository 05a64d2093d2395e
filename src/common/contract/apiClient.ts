/**
 * The one client proxy over `apiMethods`: both transports (the Electron preload and the
 * WebSocket client of `sockeye serve`) give it a way to call a method and a way to hear events,
 * and get the typed SockeyeApi back. A new method in api.ts needs nothing here.
 */
import { apiMethods, type ApiEvent, type MethodName, type SockeyeApi } from './api';

export interface ApiTransport {
  kind: SockeyeApi['transport'];
  call(method: MethodName, params: unknown): Promise<unknown>;
  onEvent(listener: (event: ApiEvent) => void): () => void;
}

export function createApiClient(transport: ApiTransport): SockeyeApi {
  const api: Record<string, unknown> = {
    transport: transport.kind,
    onEvent: (listener: (event: ApiEvent) => void) => transport.onEvent(listener),
  };
  for (const method of Object.keys(apiMethods) as MethodName[]) {
    api[method] = (params: unknown) => transport.call(method, params);
  }
  return api as SockeyeApi;
}
