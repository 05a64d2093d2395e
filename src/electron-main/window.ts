/**
 * The one window: sandboxed renderer, no Node, isolated context, web security on, a strict CSP,
 * no navigation away and no new windows. Only our own bundled files are ever loaded.
 */
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { DESKTOP_CSP } from '../common/contract/contentSecurityPolicy';
import { isDocsUrl } from './externalLinks';

/** The header CSP for whatever the window loads (our protocol sets it too; this also covers the dev server). */
export const CONTENT_SECURITY_POLICY = DESKTOP_CSP;

export interface WindowPaths {
  preload: string;
  /** sockeye://app/index.html of the built renderer, or (development only) the dev server URL. */
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

/**
 * No permission (camera, notifications, geolocation, USB, HID, serial, …) is ever needed: requests
 * are refused, checks (which the page can make without asking) say no, and no device is granted.
 */
export function denyAllPermissions(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  s.setPermissionCheckHandler(() => false);
  s.setDevicePermissionHandler(() => false);
}

export function createMainWindow(paths: WindowPaths): BrowserWindow {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  denyAllPermissions();

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
    // Our own documentation opens in the user's browser, never inside Sockeye; nothing else opens at all.
    if (isDocsUrl(url)) void shell.openExternal(url);
    else
      console.error(`sockeye: refused to open ${JSON.stringify(url.slice(0, 200))} (not a Sockeye documentation page)`);
    return { action: 'deny' };
  });
  void win.loadURL(paths.rendererUrl);
  return win;
}
