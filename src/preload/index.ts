/**
 * The preload exposes exactly the typed SockeyeApi — one function per API method, plus onEvent —
 * and nothing else of Electron or Node to the page. Results are checked against the contract's
 * schemas in the page (transport/validateResult.ts), as the WebSocket client does.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type ApiEvent } from '../common/contract/api';
import { createApiClient } from '../common/contract/apiClient';
import { joinPieced, type PiecedText } from '../common/wire/pieces';

type Outcome = { ok: true; json: PiecedText } | { ok: false; error: { code: string; message: string } };

// A snapshot comes as UTF-8 pieces straight from the snapshot worker (the main process never
// decodes it: see src/common/wire/pieces.ts); it becomes one string here, in the window's own process.
const decoder = new TextDecoder();
const parse = (json: PiecedText): unknown => JSON.parse(joinPieced(json, (bytes) => decoder.decode(bytes)));

const api = createApiClient({
  kind: 'ipc',
  async call(method, params) {
    const out = (await ipcRenderer.invoke(IPC_CALL_CHANNEL, method, params)) as Outcome;
    if (!out.ok) throw new Error(`${out.error.message} (${out.error.code})`);
    return parse(out.json);
  },
  onEvent(listener: (e: ApiEvent) => void): () => void {
    const handler = (_e: unknown, eventJson: PiecedText) => listener(parse(eventJson) as ApiEvent);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
});

contextBridge.exposeInMainWorld('sockeye', api);
