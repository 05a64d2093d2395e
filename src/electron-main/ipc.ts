/**
 * IPC: one handler on `sockeye:call` for every API method. Each call must come from our own
 * renderer's main frame; the method name and params are checked by the shared dispatcher with the
 * same schemas the renderer is typed with. Results travel as JSON text (snapshots are never
 * re-serialized: they pass through as the snapshot worker's UTF-8 pieces, and the preload joins them).
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../common/contract/api';
import { dispatch, type DispatchOutcome } from '../node/api/apiDispatch';
import type { ApiBackend } from '../node/api/apiHandlers';
import { isOwnUrl } from './window';

export function senderAllowed(event: IpcMainInvokeEvent, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isOwnUrl(frame.url, rendererUrl);
}

export function registerIpc(backend: ApiBackend, rendererUrl: string): void {
  const clients = new Set<number>();
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, params: unknown): Promise<DispatchOutcome> => {
    if (!senderAllowed(event, rendererUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'calls are accepted only from the Sockeye window' } };
    }
    const wc: WebContents = event.sender;
    const clientId = `ipc-${wc.id}`;
    if (!clients.has(wc.id)) {
      clients.add(wc.id);
      wc.once('destroyed', () => {
        clients.delete(wc.id);
        backend.disconnect(clientId);
      });
    }
    return dispatch(backend.handlers, method, params, {
      clientId,
      push: (eventJson) => {
        if (!wc.isDestroyed()) wc.send(IPC_EVENT_CHANNEL, eventJson);
      },
    });
  });
}
