/**
 * The Electron shell's security settings, proven without the Electron binary: `electron` is
 * replaced by recording fakes, and each test inspects what the shell asked of it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => {
  const state = {
    windows: [] as {
      options: Record<string, unknown>;
      handlers: Record<string, (...a: unknown[]) => void>;
      openHandler?: (d: { url: string }) => unknown;
      loaded?: string;
    }[],
    headersHook: null as
      null | ((details: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void),
    permissionHook: null as null | ((wc: unknown, perm: string, cb: (ok: boolean) => void) => void),
    permissionCheckHook: null as null | ((wc: unknown, perm: string) => boolean),
    deviceHook: null as null | ((details: unknown) => boolean),
    ipcHandlers: new Map<string, (event: unknown, method: unknown, params: unknown) => Promise<unknown>>(),
    exposed: null as null | { key: string; api: Record<string, unknown> },
    invoked: [] as { channel: string; method: string; params: unknown }[],
    eventHandler: null as null | ((e: unknown, eventJson: unknown) => void),
    menuTemplate: null as unknown,
    openedExternal: [] as string[],
  };
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const rec: (typeof state.windows)[number] = { options, handlers: {} };
      state.windows.push(rec);
      this.webContents = {
        on: (name: string, fn: (...a: unknown[]) => void) => (rec.handlers[name] = fn),
        setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (rec.openHandler = fn),
      };
      (this as unknown as { loadURL: (u: string) => Promise<void> }).loadURL = async (u: string) => {
        rec.loaded = u;
      };
    }
    once() {}
    show() {}
    static getAllWindows() {
      return [];
    }
  }
  return { state, BrowserWindow };
});

vi.mock('electron', () => ({
  BrowserWindow: h.BrowserWindow,
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: (fn: typeof h.state.headersHook) => (h.state.headersHook = fn) },
      setPermissionRequestHandler: (fn: typeof h.state.permissionHook) => (h.state.permissionHook = fn),
      setPermissionCheckHandler: (fn: typeof h.state.permissionCheckHook) => (h.state.permissionCheckHook = fn),
      setDevicePermissionHandler: (fn: typeof h.state.deviceHook) => (h.state.deviceHook = fn),
    },
  },
  shell: { openExternal: async (u: string) => void h.state.openedExternal.push(u) },
  ipcMain: {
    handle: (channel: string, fn: (e: unknown, m: unknown, p: unknown) => Promise<unknown>) =>
      h.state.ipcHandlers.set(channel, fn),
  },
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => (h.state.exposed = { key, api }) },
  ipcRenderer: {
    invoke: async (channel: string, method: string, params: unknown) => {
      h.state.invoked.push({ channel, method, params });
      // A snapshot comes as the worker's UTF-8 pieces, untouched by the main process.
      if (method === 'snapshot')
        return { ok: true, json: { pieces: [new TextEncoder().encode('{"takenAt":"t","name":"🐟 caf'), 'é"}'] } };
      return { ok: true, json: '{"enabled":true,"intervalMs":1000}' };
    },
    on: (_channel: string, fn: (e: unknown, eventJson: unknown) => void) => (h.state.eventHandler = fn),
    removeListener: () => {},
  },
  app: { getVersion: () => '0.1.0', isPackaged: false },
  dialog: { showMessageBox: async () => ({}) },
  Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => (h.state.menuTemplate = t) },
}));

import { createMainWindow, CONTENT_SECURITY_POLICY } from '../../../src/electron-main/window';
import { registerIpc } from '../../../src/electron-main/ipc';
import { buildMenuTemplate } from '../../../src/electron-main/menu';
import { apiMethods } from '../../../src/common/contract/api';
import type { ApiBackend } from '../../../src/node/api/apiHandlers';

const RENDERER = 'sockeye://app/index.html';

beforeEach(() => {
  h.state.windows.length = 0;
  h.state.ipcHandlers.clear();
  h.state.invoked.length = 0;
});

describe('the window', () => {
  it('is sandboxed, isolated, without Node, with web security on', () => {
    createMainWindow({ preload: '/p/index.cjs', rendererUrl: RENDERER });
    const prefs = h.state.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/p/index.cjs',
    });
    expect(h.state.windows[0]!.loaded).toBe(RENDERER);
  });

  it('sets a strict Content-Security-Policy on every response and grants no permission', () => {
    createMainWindow({ preload: '/p', rendererUrl: RENDERER });
    let out: { responseHeaders: Record<string, string[]> } | undefined;
    h.state.headersHook!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (out = r as typeof out));
    expect(out!.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:/);
    let granted: boolean | undefined;
    h.state.permissionHook!({}, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
    // Checks (navigator.permissions.query, clipboard reads, …) and devices (USB, HID, serial) say no too.
    expect(h.state.permissionCheckHook!({}, 'clipboard-read')).toBe(false);
    expect(h.state.permissionCheckHook!({}, 'notifications')).toBe(false);
    expect(h.state.deviceHook!({ deviceType: 'usb', origin: 'sockeye://app' })).toBe(false);
  });

  it('denies navigation away from the renderer and every window.open', () => {
    createMainWindow({ preload: '/p', rendererUrl: RENDERER });
    const w = h.state.windows[0]!;
    const away = { preventDefault: vi.fn() };
    w.handlers['will-navigate']!(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const reload = { preventDefault: vi.fn() };
    w.handlers['will-navigate']!(reload, RENDERER);
    expect(reload.preventDefault).not.toHaveBeenCalled();
    h.state.openedExternal.length = 0;
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(w.openHandler!({ url: 'https://sockeye.dev/docs/filters' })).toEqual({ action: 'deny' });
    expect(w.openHandler!({ url: 'https://example.org/docs/' })).toEqual({ action: 'deny' });
    expect(w.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(w.openHandler!({ url: 'https://sockeye.dev.evil.example/docs/' })).toEqual({ action: 'deny' });
    // Only our own documentation reaches the user's browser; every refusal is logged.
    expect(h.state.openedExternal).toEqual(['https://sockeye.dev/docs/filters']);
    expect(quiet).toHaveBeenCalledTimes(3);
    quiet.mockRestore();
  });
});

describe('IPC handlers', () => {
  const calls: unknown[] = [];
  const backend = {
    handlers: {
      snapshot: async () => ({ json: '{}' }),
      live: async (p: unknown) => (calls.push(p), { enabled: true, intervalMs: 1000 }),
      dnsLookup: async () => [],
      dnsReverse: async () => ({}),
    },
    live: {},
    disconnect: () => {},
  } as unknown as ApiBackend;
  const event = (url: string, parent: unknown = null) => ({
    senderFrame: { url, parent },
    sender: { id: 1, once: () => {}, isDestroyed: () => false, send: () => {} },
  });

  it('registers one channel for every API method, and the dispatcher refuses unknown methods', async () => {
    registerIpc(backend, RENDERER);
    expect([...h.state.ipcHandlers.keys()]).toEqual(['sockeye:call']);
    const call = h.state.ipcHandlers.get('sockeye:call')!;
    await expect(call(event(RENDERER), 'rmRf', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('rejects calls from a foreign frame or a subframe', async () => {
    registerIpc(backend, RENDERER);
    const call = h.state.ipcHandlers.get('sockeye:call')!;
    const live = (e: unknown, p: unknown) => call(e, 'live', p);
    await expect(live(event('https://evil.example/'), { enabled: true })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await expect(live(event(RENDERER, {}), { enabled: true })).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('validates payloads with the shared schema and passes valid ones through', async () => {
    registerIpc(backend, RENDERER);
    const call = h.state.ipcHandlers.get('sockeye:call')!;
    const live = (e: unknown, p: unknown) => call(e, 'live', p);
    await expect(live(event(RENDERER), { enabled: 'yes' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    await expect(live(event(RENDERER), { enabled: true, intervalMs: 5, extra: 1 })).resolves.toMatchObject({
      ok: false,
    });
    calls.length = 0;
    await expect(live(event(RENDERER), { enabled: true, intervalMs: 2000 })).resolves.toEqual({
      ok: true,
      json: '{"enabled":true,"intervalMs":1000}',
    });
    expect(calls).toEqual([{ enabled: true, intervalMs: 2000 }]);
  });
});

describe('the preload', () => {
  it('exposes exactly the API methods and onEvent, as window.sockeye', async () => {
    await import('../../../src/preload/index');
    const exposed = h.state.exposed!;
    expect(exposed.key).toBe('sockeye');
    expect(Object.keys(exposed.api).sort()).toEqual([...Object.keys(apiMethods), 'onEvent', 'transport'].sort());
    await expect((exposed.api.live as (p: unknown) => Promise<unknown>)({ enabled: true })).resolves.toEqual({
      enabled: true,
      intervalMs: 1000,
    });
    expect(h.state.invoked).toEqual([{ channel: 'sockeye:call', method: 'live', params: { enabled: true } }]);
  });

  it("turns a snapshot's UTF-8 pieces from the main process into the snapshot, for calls and events", async () => {
    await import('../../../src/preload/index');
    const api = h.state.exposed!.api;
    await expect((api.snapshot as (p: unknown) => Promise<unknown>)({})).resolves.toEqual({
      takenAt: 't',
      name: '🐟 café',
    });
    const events: unknown[] = [];
    (api.onEvent as (l: (e: unknown) => void) => void)((e) => events.push(e));
    const bytes = new TextEncoder().encode('{"type":"snapshot","snapshot":{"n":1}}');
    h.state.eventHandler!(null, { pieces: ['{"type":"snapshot",', bytes.subarray(19)] });
    h.state.eventHandler!(null, '{"type":"delta","delta":{}}');
    expect(events).toEqual([
      { type: 'snapshot', snapshot: { n: 1 } },
      { type: 'delta', delta: {} },
    ]);
  });
});

describe('the menu', () => {
  const labels = (t: unknown): string[] =>
    (t as { role?: string; label?: string; submenu?: unknown }[]).flatMap((i) => [
      i.role ?? i.label ?? '',
      ...(Array.isArray(i.submenu) ? labels(i.submenu) : []),
    ]);

  it('has copy, reload, quit and About, and developer tools only in development', () => {
    const dev = labels(buildMenuTemplate(false, 'linux'));
    expect(dev).toEqual(expect.arrayContaining(['copy', 'reload', 'quit', 'About Sockeye', 'toggleDevTools']));
    expect(labels(buildMenuTemplate(true, 'linux'))).not.toContain('toggleDevTools');
  });
});
