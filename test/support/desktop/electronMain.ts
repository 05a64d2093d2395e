/**
 * The `electron` module of the main process, for running the built out/main/index.js under plain
 * Node (bundled by harness.ts; never shipped). It implements exactly the Electron API surface
 * Sockeye uses and throws on anything else: a named import it lacks fails at link time ("does not
 * provide an export named …"), and every object is wrapped so that reading a member it lacks
 * throws. Windows, IPC, dialogs, permissions and the protocol are carried out by the renderer host
 * (rendererHost.ts) in the test process, over the structured-clone channel described in wire.ts.
 * Electron's timing rules are kept where they matter: scheme privileges only before `ready`;
 * protocol.handle, session and BrowserWindow only after it.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DialogKind, FromMain, MenuNode, PermissionKind, ToMain } from './wire';

const HOME = 'test/support/desktop/electronMain.ts';

/** Reading a member this stand-in does not implement is an error, so a new use of Electron cannot pass silently. */
function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      // Promise resolution and inspection probe these; they are not uses of Electron.
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return Reflect.get(t, prop, receiver);
      if (!(prop in t)) throw new Error(`Electron stand-in: ${name}.${prop} is not implemented (add it to ${HOME})`);
      return Reflect.get(t, prop, receiver);
    },
  });
}

function unsupported(message: string): never {
  post({ type: 'unsupported', message });
  throw new Error(`Electron stand-in: ${message}`);
}

/** Send to the renderer host. Throws (DataCloneError) like Electron when a value cannot be structured-cloned. */
function post(message: FromMain): void {
  if (process.connected) process.send!(message);
}

let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
function ask(make: (id: number) => FromMain): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    post(make(id));
  });
}

/** An Electron-style event object: preventable. */
function preventable<T extends object>(extra: T): T & { preventDefault(): void; defaultPrevented: boolean } {
  const e = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
  };
  return e;
}

// ---------------------------------------------------------------------------------------------
// app

let ready = false;
let resolveReady!: () => void;
const readyPromise = new Promise<void>((r) => (resolveReady = r));

function mustBeReady(what: string): void {
  if (!ready)
    throw new Error(`Electron stand-in: ${what} cannot be used before the app is ready (Electron forbids it)`);
}

function appVersion(): string {
  // Electron reads the app's package.json: the one next to (or above) the main script.
  let dir = dirname(process.argv[1] ?? process.cwd());
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      /* keep looking upwards */
    }
  }
  throw new Error('Electron stand-in: no package.json above the main script');
}

class App extends EventEmitter {
  readonly isPackaged = process.env.SOCKEYE_STANDIN_PACKAGED === '1';
  private quitting = false;
  private readonly paths: Record<string, string> = JSON.parse(process.env.SOCKEYE_STANDIN_PATHS ?? '{}');

  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return readyPromise;
  }
  isReady(): boolean {
    return ready;
  }
  getPath(name: string): string {
    const p = this.paths[name];
    if (!p) throw new Error(`Failed to get '${name}' path`);
    return p;
  }
  getVersion(): string {
    return appVersion();
  }
  quit(): void {
    if (this.quitting) return;
    this.quitting = true;
    const before = preventable({});
    this.emit('before-quit', before);
    if (before.defaultPrevented) return void (this.quitting = false);
    for (const w of [...windows]) w.destroy();
    const will = preventable({});
    this.emit('will-quit', will);
    if (will.defaultPrevented) return void (this.quitting = false);
    this.emit('quit', preventable({}), 0);
    post({ type: 'quit' });
    // Electron ends the process here. The stand-in lets it end by itself instead: if anything is
    // left running (a worker, a DNS query, a timer), the process stays and the harness says what.
    setTimeout(() => {
      // What is still alive, less this timer itself (listed while its callback runs).
      const active = process.getActiveResourcesInfo();
      active.splice(active.indexOf('Timeout'), 1);
      post({ type: 'quit-done', active });
      if (process.connected) process.disconnect();
    }, 300);
  }
}
export const app = strict('app', new App());

// ---------------------------------------------------------------------------------------------
// BrowserWindow and webContents

type OpenHandler = (details: { url: string; frameName: string; features: string; disposition: string }) => {
  action: 'allow' | 'deny';
};

let nextWcId = 1;
const windows: BrowserWindowStandIn[] = [];
let focused: BrowserWindowStandIn | null = null;

class WebContentsStandIn extends EventEmitter {
  readonly id = nextWcId++;
  private destroyed = false;
  openHandler: OpenHandler | null = null;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    // As in Electron, a value that cannot be structured-cloned throws here, in the main process.
    post({ type: 'send', wcId: this.id, channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
  reload(): void {
    post({ type: 'reload', wcId: this.id });
  }
  markDestroyed(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }
}

class BrowserWindowStandIn extends EventEmitter {
  readonly webContents: WebContentsStandIn;
  private destroyedWin = false;
  private loads = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();

  constructor(options: Record<string, unknown> = {}) {
    super();
    mustBeReady('BrowserWindow');
    this.webContents = strict('webContents', new WebContentsStandIn());
    const self = strict('BrowserWindow', this);
    windows.push(self);
    focused = self;
    post({ type: 'window', wcId: this.webContents.id, options: JSON.parse(JSON.stringify(options)) });
    return self;
  }

  loadURL(url: string): Promise<void> {
    if (this.destroyedWin) return Promise.reject(new Error('Object has been destroyed'));
    return new Promise((resolve, reject) => {
      this.loads.set(this.webContents.id, { resolve, reject });
      post({ type: 'load-url', wcId: this.webContents.id, url });
    });
  }
  settleLoad(error?: string): void {
    const load = this.loads.get(this.webContents.id);
    this.loads.delete(this.webContents.id);
    if (error) return load?.reject(new Error(error));
    this.webContents.emit('did-finish-load');
    this.emit('ready-to-show');
    load?.resolve();
  }
  show(): void {}
  focus(): void {
    // Called on the strict wrapper, so `this` is the window everyone else sees.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    focused = this;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  isDestroyed(): boolean {
    return this.destroyedWin;
  }
  destroy(): void {
    if (this.destroyedWin) return;
    this.destroyedWin = true;
    windows.splice(windows.indexOf(this), 1);
    if (focused === this) focused = null;
    this.webContents.markDestroyed();
    this.emit('closed');
    post({ type: 'window-closed', wcId: this.webContents.id });
  }
  close(): void {
    this.destroy();
    if (windows.length === 0) app.emit('window-all-closed');
  }

  static getAllWindows(): BrowserWindowStandIn[] {
    return [...windows];
  }
  static getFocusedWindow(): BrowserWindowStandIn | null {
    return focused;
  }
}
export const BrowserWindow = strict('BrowserWindow', BrowserWindowStandIn);

const windowOf = (wcId: number) => windows.find((w) => w.webContents.id === wcId);

// ---------------------------------------------------------------------------------------------
// ipcMain

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
const invokeHandlers = new Map<string, InvokeHandler>();

export const ipcMain = strict('ipcMain', {
  handle(channel: string, handler: InvokeHandler): void {
    if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    invokeHandlers.delete(channel);
  },
});

async function onInvoke(m: Extract<ToMain, { type: 'invoke' }>): Promise<void> {
  const handler = invokeHandlers.get(m.channel);
  const win = windowOf(m.wcId);
  const reply = (r: FromMain) => {
    try {
      post(r);
    } catch (err) {
      // Electron: "Error invoking remote method '<channel>': Error: An object could not be cloned."
      post({
        type: 'invoke-result',
        id: m.id,
        ok: false,
        message: `Error invoking remote method '${m.channel}': ${String(err)}`,
      });
    }
  };
  if (!handler || !win)
    return reply({
      type: 'invoke-result',
      id: m.id,
      ok: false,
      message: `Error invoking remote method '${m.channel}': Error: No handler registered for '${m.channel}'`,
    });
  const frame = (f: { url: string; parentUrl: string | null }) =>
    strict('WebFrameMain', {
      url: f.url,
      parent: f.parentUrl === null ? null : strict('WebFrameMain', { url: f.parentUrl, parent: null }),
    });
  const event = strict('IpcMainInvokeEvent', {
    sender: win.webContents,
    senderFrame: frame(m.frame),
    processId: 1,
    frameId: m.frame.parentUrl === null ? 1 : 2,
  });
  try {
    const value = await handler(event, ...m.args);
    reply({ type: 'invoke-result', id: m.id, ok: true, value });
  } catch (err) {
    reply({
      type: 'invoke-result',
      id: m.id,
      ok: false,
      message: `Error invoking remote method '${m.channel}': ${String(err)}`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// dialog, shell

function dialogCall(kind: DialogKind) {
  return (a: unknown, b?: unknown) => {
    const options = a instanceof BrowserWindowStandIn || (a && typeof a === 'object' && 'webContents' in a) ? b : a;
    return ask((id) => ({ type: 'dialog', id, kind, options: JSON.parse(JSON.stringify(options ?? {})) }));
  };
}
export const dialog = strict('dialog', {
  showSaveDialog: dialogCall('showSaveDialog'),
  showOpenDialog: dialogCall('showOpenDialog'),
  showMessageBox: dialogCall('showMessageBox'),
});

export const shell = strict('shell', {
  async openExternal(url: string): Promise<void> {
    // Nothing is ever opened: the harness records what the app asked to open.
    post({ type: 'open-external', url: String(url) });
  },
});

// ---------------------------------------------------------------------------------------------
// Notification: the harness has no desktop to show one on, so it says it is unsupported (what
// the app then does is shown in test/unit/electron-main/historyShell.test.ts with vi.mock).

class NotificationStandIn extends EventEmitter {
  static isSupported(): boolean {
    return false;
  }
  show(): void {
    throw new Error(`${HOME}: Notification.show() although isSupported() is false`);
  }
}
export const Notification = strict('Notification', NotificationStandIn);

// ---------------------------------------------------------------------------------------------
// Menu

interface MenuItemStandIn {
  label?: string;
  role?: string;
  accelerator?: string;
  type?: string;
  click?: (item: unknown, win: unknown, event: unknown) => void;
  submenu?: MenuItemStandIn[];
}
let appMenu: MenuItemStandIn[] | null = null;

const toTree = (items: MenuItemStandIn[]): MenuNode[] =>
  items.map((i) => ({
    label: i.label ?? null,
    role: i.role ?? null,
    accelerator: i.accelerator ?? null,
    type: i.type ?? null,
    submenu: Array.isArray(i.submenu) ? toTree(i.submenu) : null,
  }));

export const Menu = strict('Menu', {
  buildFromTemplate(template: MenuItemStandIn[]) {
    return strict('Menu', { items: template });
  },
  setApplicationMenu(menu: { items: MenuItemStandIn[] } | null): void {
    appMenu = menu ? menu.items : null;
    post({ type: 'menu', tree: appMenu ? toTree(appMenu) : [] });
  },
});

/** Carry out a menu item the way Electron does: its click(item, focusedWindow, event), or its role. */
function clickMenu(path: string[]): void {
  let items = appMenu ?? [];
  let item: MenuItemStandIn | undefined;
  for (const name of path) {
    item = items.find((i) => i.label === name || i.role === name);
    if (!item) throw new Error(`no menu item ${JSON.stringify(name)} in ${JSON.stringify(path)}`);
    items = item.submenu ?? [];
  }
  if (!item) throw new Error('empty menu path');
  if (item.click) return item.click(item, focused ?? undefined, {});
  if (item.role === 'quit') return app.quit();
  if (item.role === 'reload' || item.role === 'forceReload') return focused?.webContents.reload();
  unsupported(`the menu role ${JSON.stringify(item.role)} is not carried out by the stand-in`);
}

// ---------------------------------------------------------------------------------------------
// session

type HeadersListener = (details: unknown, cb: (r: unknown) => void) => void;
const permissionHandlers: {
  request?: (wc: unknown, permission: string, cb: (granted: boolean) => void, details: unknown) => void;
  check?: (wc: unknown, permission: string, origin: string, details: unknown) => boolean;
  device?: (details: unknown) => boolean;
} = {};

const defaultSession = strict('Session', {
  webRequest: strict('WebRequest', {
    // Accepted, never applied: in the harness the renderer's CSP must hold by the protocol's own
    // header (rendererResponse.ts), since Electron's webRequest is not what serves sockeye://.
    onHeadersReceived(_listener: HeadersListener): void {},
  }),
  setPermissionRequestHandler(h: typeof permissionHandlers.request | null): void {
    permissionHandlers.request = h ?? undefined;
  },
  setPermissionCheckHandler(h: typeof permissionHandlers.check | null): void {
    permissionHandlers.check = h ?? undefined;
  },
  setDevicePermissionHandler(h: typeof permissionHandlers.device | null): void {
    permissionHandlers.device = h ?? undefined;
  },
});
export const session = strict('session', {
  get defaultSession() {
    mustBeReady('session.defaultSession');
    return defaultSession;
  },
});

/** What the app's handlers answer; with no handler Electron grants (which is why Sockeye sets them). */
async function permission(kind: PermissionKind, name: string, origin: string): Promise<boolean> {
  const wc = windows[0]?.webContents ?? null;
  if (kind === 'request') {
    if (!permissionHandlers.request) return true;
    return new Promise((resolve) => permissionHandlers.request!(wc, name, resolve, { requestingUrl: origin }));
  }
  if (kind === 'check') return permissionHandlers.check ? permissionHandlers.check(wc, name, origin, {}) : true;
  return permissionHandlers.device ? permissionHandlers.device({ deviceType: name, origin, device: {} }) : true;
}

// ---------------------------------------------------------------------------------------------
// protocol

type ProtocolHandler = (request: Request) => Response | Promise<Response>;
const protocolHandlers = new Map<string, ProtocolHandler>();

export const protocol = strict('protocol', {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (ready)
      throw new Error('Electron stand-in: protocol.registerSchemesAsPrivileged must be called before the app is ready');
    post({ type: 'schemes', schemes: schemes.map((s) => ({ scheme: s.scheme, privileges: { ...s.privileges } })) });
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    mustBeReady('protocol.handle');
    if (protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    protocolHandlers.set(scheme, handler);
    post({ type: 'protocol-handled', scheme });
  },
});

function headerPairs(headers: Headers): [string, string][] {
  const out: [string, string][] = [];
  headers.forEach((value, name) => out.push([name, value]));
  return out;
}

async function onProtocolRequest(m: Extract<ToMain, { type: 'protocol-request' }>): Promise<void> {
  const scheme = new URL(m.url).protocol.slice(0, -1);
  const handler = protocolHandlers.get(scheme);
  try {
    if (!handler) throw new Error(`no handler for ${scheme}:`);
    const res = await handler(new Request(m.url, { method: m.method, headers: m.headers }));
    const body = new Uint8Array(await res.arrayBuffer());
    post({ type: 'reply', id: m.id, value: { status: res.status, headers: headerPairs(res.headers), body } });
  } catch (err) {
    post({ type: 'reply', id: m.id, value: null, error: String(err) });
  }
}

// ---------------------------------------------------------------------------------------------
// Messages from the renderer host

function answer(id: number, work: () => unknown): void {
  Promise.resolve()
    .then(work)
    .then(
      (value) => post({ type: 'reply', id, value }),
      (err: unknown) =>
        post({ type: 'reply', id, value: null, error: err instanceof Error ? err.message : String(err) }),
    );
}

process.on('message', (raw) => {
  const m = raw as ToMain;
  switch (m.type) {
    case 'start':
      ready = true;
      app.emit('ready');
      resolveReady();
      return;
    case 'loaded':
    case 'load-failed':
      return windowOf(m.wcId)?.settleLoad(m.type === 'load-failed' ? m.message : undefined);
    case 'invoke':
      return void onInvoke(m);
    case 'will-navigate':
      return answer(m.id, () => {
        const wc = windowOf(m.wcId)?.webContents;
        const event = preventable({ url: m.url, isMainFrame: true, isSameDocument: false });
        wc?.emit('will-navigate', event, m.url);
        return event.defaultPrevented;
      });
    case 'window-open':
      return answer(m.id, () => {
        const handler = windowOf(m.wcId)?.webContents.openHandler;
        // Without a handler Electron opens the window.
        return handler
          ? handler({ url: m.url, frameName: '', features: '', disposition: 'new-window' }).action
          : 'allow';
      });
    case 'protocol-request':
      return void onProtocolRequest(m);
    case 'permission':
      return answer(m.id, () => permission(m.kind, m.permission, m.origin));
    case 'dialog-answer': {
      const call = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) call?.reject(new Error(m.error));
      else call?.resolve(m.value);
      return;
    }
    case 'menu-click':
      return answer(m.id, () => clickMenu(m.path));
    case 'focus': {
      const w = windowOf(m.wcId);
      if (w) focused = w;
      return;
    }
  }
});
