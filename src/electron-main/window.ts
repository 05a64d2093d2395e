/**
 * The one window: sandboxed renderer, no Node, isolated context, web security on, a strict CSP,
 * no navigation away and no new windows. Only our own bundled files are ever loaded.
 */
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // The map's layout engine (elkjs) runs in a worker loaded from our own files; never blob: or data:.
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface WindowPaths {
  preload: string;
  /** file:// index.html of the built renderer, or the dev server URL. */
  rendererUrl: string;
}

export const webPreferences = (preload: string) => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
});

/** Whether `url` is our own renderer (the built file or the dev server). */
export function isOwnUrl(url: string, rendererUrl: string): boolean {
  try {
    const u = new URL(url);
    const own = new URL(rendererUrl);
    return u.protocol === own.protocol && u.host === own.host && u.pathname === own.pathname;
  } catch {
    return false;
  }
}

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // No permission (camera, notifications, …) is ever needed.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));

  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Sockeye',
    show: false,
    icon: join(__dirname, '../../resources/icon.png'),
    webPreferences: webPreferences(paths.preload),
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url, paths.rendererUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the user's browser, never inside Sockeye.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void win.loadURL(paths.rendererUrl);
  return win;
}
