/**
 * Electron main process: a thin shell. Collection runs in a worker (snapshotService), the API is
 * the same one `sockeye serve` offers, and the window loads only our own bundled renderer.
 */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createApiBackend } from '../node/api/apiHandlers';
import { createSnapshotService } from '../node/snapshot/snapshotService';
import { DnsService } from '../node/dns/dnsService';
import { dnsProvider } from '../node/dns/dnsProvider';
import { dnsServersFromArgv } from '../node/dns/dnsServersFromArgv';
import { createFileDialogs } from './fileDialogs';
import { DESKTOP_POLICY } from '../node/actions/actionGate';
import { ActionLog } from '../node/actions/actionLog';
import { createActionHandlers } from '../node/actions/actionHandlers';
import { rendererUrlFor } from './rendererUrl';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import { createMainWindow } from './window';
import { handleRendererProtocol, registerRendererScheme } from './rendererProtocol';
import { startDesktopHistory } from './historyShell';
import type { HistoryControl } from '../node/api/historyHandlers';

if (!app.requestSingleInstanceLock()) app.quit();
registerRendererScheme();

const rendererUrl = rendererUrlFor(app.isPackaged, process.env.ELECTRON_RENDERER_URL);
const snapshots = createSnapshotService({ inWorker: true });
// The history starts once the app is ready; a click on the switch before then waits for it.
let historyReady: Promise<HistoryControl> | null = null;
const history: HistoryControl = {
  setRecording: async (enabled) => {
    const control = await historyReady;
    await control?.setRecording?.(enabled);
  },
};
const dns = new DnsService({ servers: dnsServersFromArgv(process.argv, (m) => console.error(`sockeye: ${m}`)) });
const backend = createApiBackend({
  snapshots,
  files: createFileDialogs(),
  dns: dnsProvider(dns),
  // The desktop may act, each action confirmed in the window; logged in the app's own folder.
  actions: createActionHandlers({
    policy: DESKTOP_POLICY,
    log: new ActionLog(app.getPath('userData')),
    onError: (m) => console.error(`sockeye: ${m}`),
  }).handlers,
  history,
  onError: (m) => console.error(`sockeye: ${m}`),
});

function open(): void {
  createMainWindow({ preload: join(__dirname, '../preload/index.cjs'), rendererUrl });
}

app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0];
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

void app.whenReady().then(() => {
  handleRendererProtocol(join(__dirname, '../renderer'));
  installMenu();
  registerIpc(backend, rendererUrl);
  open();
  historyReady = startDesktopHistory(app.getPath('userData'), snapshots, backend.live, (m) =>
    console.error(`sockeye: ${m}`),
  );
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  backend.live.close();
  dns.close();
  void snapshots.close();
});
