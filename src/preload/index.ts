/**
 * The preload exposes exactly the typed SockeyeApi — one function per API method, plus onEvent —
 * and nothing else of Electron or Node to the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { apiMethods, IPC_EVENT_CHANNEL, IPC_PREFIX, type ApiEvent } from '../shared/api';

type Outcome = { ok: true; json: string } | { ok: false; error: { code: string; message: string } };

const api: Record<string, unknown> = {
  transport: 'ipc',
  onEvent(listener: (e: ApiEvent) => void): () => void {
    const handler = (_e: unknown, eventJson: string) => listener(JSON.parse(eventJson) as ApiEvent);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};
for (const method of Object.keys(apiMethods)) {
  api[method] = async (params: unknown) => {
    const out = (await ipcRenderer.invoke(`${IPC_PREFIX}${method}`, params)) as Outcome;
    if (!out.ok) throw new Error(`${out.error.message} (${out.error.code})`);
    return JSON.parse(out.json) as unknown;
  };
}

contextBridge.exposeInMainWorld('sockeye', api);
