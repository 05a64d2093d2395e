/**
 * The desktop app without the Electron binary. The BUILT main bundle (out/main/index.js) runs in
 * its own Node process with `electron` resolved to a stand-in (electronMain.ts, through a module
 * hook: test code only); this test process is its renderer host: the window is a page of Debian's
 * Chromium (playwright-core), the built preload runs in a sandbox like Electron's
 * (preloadSandbox.ts), and what the preload exposes is bridged into the page (pageBridge.ts).
 * Main ↔ renderer messages are structured-cloned (Node IPC, advanced serialization), page ↔
 * preload calls are serialized by CDP: every call and event crosses a real process boundary.
 *
 * The app's own scheme (sockeye://app/…) is served to Chromium under a stand-in origin
 * (http://app.sockeye.localhost/…, a secure context like a `secure` scheme) through Playwright's
 * routing, each request answered by the app's own protocol.handle handler; the app only ever
 * sees sockeye:// URLs (sender frames, navigation). Nothing else is fetched: any other request
 * is refused and recorded.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchChromium } from '../chromium';
import { installBridge, type Bridge } from './pageBridge';
import { runPreload, type LoadedPreload } from './preloadSandbox';
import type { DialogKind, FrameInfo, FromMain, MenuNode, PermissionKind, ToMain } from './wire';

const ROOT = resolve(__dirname, '../../..');
const OUT = resolve(ROOT, 'test-results/desktop-harness');
export const BUILT_MAIN = resolve(ROOT, 'out/main/index.js');

let built: Promise<void> | null = null;
/** Bundle the stand-in's three modules for plain Node (once per test process). */
function buildStandIn(): Promise<void> {
  built ??= (async () => {
    mkdirSync(OUT, { recursive: true });
    await build({
      entryPoints: {
        'electron-main': resolve(__dirname, 'electronMain.ts'),
        'electron-hooks': resolve(__dirname, 'electronHooks.ts'),
        setup: resolve(__dirname, 'mainSetup.ts'),
      },
      outdir: OUT,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
    });
  })();
  return built;
}

export interface LaunchOptions {
  /** Extra command-line arguments for the app (e.g. --dns-server). */
  args?: string[];
  /** What app.getPath answers. */
  paths?: Record<string, string>;
  packaged?: boolean;
  /** The main bundle to run (default: the built out/main/index.js). */
  main?: string;
}

interface WindowState {
  wcId: number;
  options: Record<string, unknown>;
  page: Page | null;
  preload: LoadedPreload | null;
}

export interface DesktopApp {
  /** The window's page (the first window). */
  page: Page;
  main: ChildProcess;
  windows: WindowState[];
  preloadErrors: string[];
  pageErrors: string[];
  openedExternal: string[];
  navigations: { url: string; prevented: boolean }[];
  windowOpens: { url: string; action: string }[];
  refusedRequests: string[];
  dialogs: { kind: DialogKind; options: unknown }[];
  schemes: { scheme: string; privileges: Record<string, boolean> }[];
  menu: MenuNode[];
  workers: { event: 'start' | 'exit'; threadId: number; url: string; code?: number }[];
  unsupported: string[];
  /** ipcRenderer.invoke calls that failed to cross (e.g. a result that cannot be cloned), with Electron's message. */
  invokeFailures: string[];
  /** Resources still alive in main 300 ms after quit (process.getActiveResourcesInfo()); only the harness's own pipes when all is closed. */
  activeAtQuit: string[] | null;
  /** The answer the next dialog of this kind gets (the stand-in dialogs return what the test queued). */
  answerDialog(kind: DialogKind, value: unknown): void;
  clickMenu(path: string[]): Promise<void>;
  permission(kind: PermissionKind, permission: string, origin: string): Promise<boolean>;
  /** How a frame appears to main (its sockeye:// URL). */
  frameInfo(frame: Frame): FrameInfo;
  stderr(): string;
  /** Wait for the main process to end by itself; null if it is still running after `ms`. */
  waitForExit(ms: number): Promise<{ code: number | null; signal: string | null } | null>;
  close(): Promise<void>;
}

const tail = (s: string) => s.split('\n').slice(-25).join('\n');

export async function launchDesktop(options: LaunchOptions = {}): Promise<DesktopApp> {
  await buildStandIn();
  const main = options.main ?? BUILT_MAIN;
  if (!existsSync(main)) throw new Error(`${main} is not built: run \`npm run build:app\``);
  const browser: Browser = await launchChromium();
  const context: BrowserContext = await browser.newContext({ serviceWorkers: 'block' });
  const child = fork(main, options.args ?? [], {
    execArgv: ['--import', pathToFileURL(resolve(OUT, 'setup.mjs')).href],
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'ELECTRON_RENDERER_URL')),
      SOCKEYE_STANDIN_PATHS: JSON.stringify(options.paths ?? {}),
      SOCKEYE_STANDIN_PACKAGED: options.packaged ? '1' : '0',
    },
  });
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  let exited: { code: number | null; signal: string | null } | null = null;
  const exitWaiters: (() => void)[] = [];
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    for (const w of exitWaiters.splice(0)) w();
  });

  const send = (m: ToMain) => {
    if (child.connected) child.send(m);
  };
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const askMain = <T>(make: (id: number) => ToMain): Promise<T> => {
    const id = nextId++;
    return new Promise<T>((res, rej) => {
      pending.set(id, { resolve: res as (v: unknown) => void, reject: rej });
      send(make(id));
    });
  };

  const windows: WindowState[] = [];
  const dialogAnswers = new Map<DialogKind, unknown[]>();
  const hostNavigations = new Set<string>();
  const popupUrls = new WeakMap<Page, string>();
  const popupQueue: string[] = [];
  let bridge: Bridge | null = null;
  let firstLoaded!: (p: Page) => void;
  let launchFailed!: (e: Error) => void;
  const launched = new Promise<Page>((res, rej) => ((firstLoaded = res), (launchFailed = rej)));

  const app: Omit<DesktopApp, 'page'> = {
    main: child,
    windows,
    preloadErrors: [],
    pageErrors: [],
    openedExternal: [],
    navigations: [],
    windowOpens: [],
    refusedRequests: [],
    dialogs: [],
    schemes: [],
    menu: [],
    workers: [],
    unsupported: [],
    invokeFailures: [],
    activeAtQuit: null,
    answerDialog: (kind, value) => dialogAnswers.set(kind, [...(dialogAnswers.get(kind) ?? []), value]),
    clickMenu: (path) => askMain((id) => ({ type: 'menu-click', id, path })),
    permission: (kind, permission, origin) => askMain((id) => ({ type: 'permission', id, kind, permission, origin })),
    frameInfo: (f) => ({ url: unmap(f.url()), parentUrl: f.parentFrame() ? unmap(f.parentFrame()!.url()) : null }),
    stderr: () => stderr,
    waitForExit: (ms) =>
      new Promise((res) => {
        if (exited) return res(exited);
        const t = setTimeout(() => res(null), ms);
        exitWaiters.push(() => (clearTimeout(t), res(exited)));
      }),
    close: async () => {
      if (!exited) child.kill('SIGKILL');
      await browser.close().catch(() => {});
    },
  };

  // sockeye://app/x ↔ http://app.sockeye.localhost/x, for the schemes the app registered as standard.
  const standardSchemes = () => app.schemes.filter((s) => s.privileges.standard).map((s) => s.scheme);
  function mapUrl(url: string): string | null {
    const u = new URL(url);
    const scheme = u.protocol.slice(0, -1);
    if (!standardSchemes().includes(scheme)) return null;
    return `http://${u.host}.${scheme}.localhost${u.pathname}${u.search}${u.hash}`;
  }
  function unmap(url: string): string {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return url;
    }
    for (const scheme of standardSchemes()) {
      const suffix = `.${scheme}.localhost`;
      if (u.protocol === 'http:' && u.hostname.endsWith(suffix))
        return `${scheme}://${u.hostname.slice(0, -suffix.length)}${u.pathname}${u.search}${u.hash}`;
    }
    return url;
  }
  const windowOfPage = (p: Page | null) => windows.find((w) => w.page === p);

  function loadPreload(win: WindowState): LoadedPreload | null {
    const file = String((win.options.webPreferences as Record<string, unknown>).preload ?? '');
    const mainFrame = () => (win.page ? app.frameInfo(win.page.mainFrame()) : { url: '', parentUrl: null });
    try {
      return runPreload(file, {
        mainFrame,
        invoke: (channel, args, frame) =>
          new Promise((res, rej) => {
            const id = nextId++;
            pending.set(id, { resolve: res, reject: rej });
            try {
              child.send({ type: 'invoke', id, wcId: win.wcId, channel, args, frame } satisfies ToMain);
            } catch (err) {
              pending.delete(id);
              app.invokeFailures.push(`Error invoking remote method '${channel}': ${String(err)}`);
              rej(new Error(app.invokeFailures.at(-1)));
            }
          }),
      });
    } catch (err) {
      // Electron logs this in the window's console and loads the page without the preload's API.
      app.preloadErrors.push(
        `Unable to load preload script: ${file}\n${err instanceof Error ? err.stack : String(err)}`,
      );
      return null;
    }
  }

  async function onLoadUrl(win: WindowState, url: string): Promise<void> {
    const prefs = (win.options.webPreferences ?? {}) as Record<string, unknown>;
    if (prefs.sandbox !== true || prefs.contextIsolation !== true || prefs.nodeIntegration === true)
      throw new Error('the harness runs only sandboxed, context-isolated windows without Node integration');
    const mapped = mapUrl(url);
    if (!mapped)
      throw new Error(
        `the harness serves only a standard scheme the app handles with protocol.handle; asked for ${url}`,
      );
    win.page ??= await context.newPage();
    await win.page.setViewportSize({
      width: Number(win.options.width ?? 1280),
      height: Number(win.options.height ?? 820),
    });
    win.page.on('pageerror', (e) => app.pageErrors.push(String(e)));
    win.page.on('console', (m) => {
      if (m.type() === 'error') app.pageErrors.push(m.text());
    });
    win.preload = loadPreload(win);
    const exposures = win.preload?.exposures ?? [];
    if (!bridge) bridge = await installBridge(context, exposures, app.frameInfo);
    else bridge.setExposures(exposures);
    hostNavigations.add(mapped);
    await win.page.goto(mapped, { waitUntil: 'load' });
  }

  await context.route('**/*', async (route) => {
    const req = route.request();
    const url = req.url();
    let frame: Frame | null = null;
    try {
      frame = req.frame();
    } catch {
      /* a request without a frame (a worker's): judged by its URL alone */
    }
    const page = frame?.page() ?? null;
    if (req.isNavigationRequest() && !frame) {
      // A popup's first navigation comes before its frame exists: judged by the open handler (below).
      popupQueue.push(url);
      return route.abort('blockedbyclient');
    }
    if (req.isNavigationRequest() && frame) {
      const win = windowOfPage(page);
      if (!win) {
        // A page that is not a window: a popup from window.open, judged by the open handler (below).
        popupUrls.set(page!, url);
        return route.abort('blockedbyclient');
      }
      if (frame === page!.mainFrame()) {
        if (hostNavigations.has(url)) hostNavigations.delete(url);
        else {
          const prevented = await askMain<boolean>((id) => ({
            type: 'will-navigate',
            id,
            wcId: win.wcId,
            url: unmap(url),
          }));
          app.navigations.push({ url: unmap(url), prevented });
          // 204 No Content: the browser stays on the page, as after Electron's preventDefault (an
          // aborted request would put an error page in its place).
          if (prevented) return route.fulfill({ status: 204, body: '' });
        }
      }
    }
    if (unmap(url) === url) {
      app.refusedRequests.push(url);
      return route.abort('blockedbyclient');
    }
    try {
      const res = await askMain<{ status: number; headers: [string, string][]; body: Uint8Array }>((id) => ({
        type: 'protocol-request',
        id,
        url: unmap(url),
        method: req.method(),
        headers: req.headers(),
      }));
      await route.fulfill({
        status: res.status,
        headers: Object.fromEntries(res.headers),
        body: Buffer.from(res.body),
      });
    } catch (err) {
      app.pageErrors.push(`protocol handler failed for ${unmap(url)}: ${String(err)}`);
      await route.abort('failed');
    }
  });

  context.on('page', async (p) => {
    if (windowOfPage(p) || windows.some((w) => w.page === null)) return;
    const opener = windowOfPage(await p.opener());
    for (let i = 0; i < 40 && !popupUrls.has(p) && popupQueue.length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    const url = popupUrls.get(p) ?? popupQueue.shift() ?? p.url();
    const action = opener
      ? await askMain<string>((id) => ({ type: 'window-open', id, wcId: opener.wcId, url: unmap(url) }))
      : 'no opener';
    app.windowOpens.push({ url: unmap(url), action });
    if (action === 'allow')
      app.unsupported.push(`window.open(${url}) was allowed: the harness does not open new windows`);
    await p.close().catch(() => {});
  });

  child.on('message', (raw) => {
    const m = raw as FromMain;
    const win = 'wcId' in m ? windows.find((w) => w.wcId === m.wcId) : undefined;
    switch (m.type) {
      case 'window':
        windows.push({ wcId: m.wcId, options: m.options, page: null, preload: null });
        return;
      case 'load-url':
        if (!win) return;
        onLoadUrl(win, m.url).then(
          () => {
            send({ type: 'loaded', wcId: win.wcId });
            firstLoaded(win.page!);
          },
          (err: unknown) => {
            send({ type: 'load-failed', wcId: win.wcId, message: String(err) });
            launchFailed(new Error(`the window failed to load ${m.url}: ${String(err)}`));
          },
        );
        return;
      case 'send':
        win?.preload?.deliver(m.channel, m.args);
        return;
      case 'invoke-result':
      case 'reply': {
        const call = pending.get(m.id);
        pending.delete(m.id);
        if (m.type === 'invoke-result') {
          if (m.ok) return call?.resolve(m.value);
          app.invokeFailures.push(m.message);
          return call?.reject(new Error(m.message));
        }
        return m.error ? call?.reject(new Error(m.error)) : call?.resolve(m.value);
      }
      case 'dialog': {
        app.dialogs.push({ kind: m.kind, options: m.options });
        const queued = dialogAnswers.get(m.kind) ?? [];
        if (queued.length === 0)
          send({ type: 'dialog-answer', id: m.id, value: null, error: `the test queued no answer for ${m.kind}` });
        else send({ type: 'dialog-answer', id: m.id, value: queued.shift() });
        return;
      }
      case 'open-external':
        app.openedExternal.push(m.url);
        return;
      case 'menu':
        app.menu = m.tree;
        return;
      case 'schemes':
        app.schemes.push(...m.schemes);
        return;
      case 'worker':
        app.workers.push({ event: m.event, threadId: m.threadId, url: m.url, code: m.code });
        return;
      case 'quit-done':
        app.activeAtQuit = m.active;
        return;
      case 'unsupported':
        app.unsupported.push(m.message);
        return;
      case 'reload':
        if (win?.page) {
          hostNavigations.add(win.page.url());
          win.preload = loadPreload(win);
          bridge?.setExposures(win.preload?.exposures ?? []);
          void win.page.reload();
        }
        return;
      case 'window-closed':
        void win?.page?.close().catch(() => {});
        return;
    }
  });
  child.on('exit', (code, signal) =>
    launchFailed(
      new Error(`the main process exited (code ${code}, signal ${signal}) before its window loaded:\n${tail(stderr)}`),
    ),
  );
  send({ type: 'start' });

  const timeout = setTimeout(
    () => launchFailed(new Error(`the window did not load within 60 s; main process output:\n${tail(stderr)}`)),
    60_000,
  );
  try {
    const page = await launched;
    return Object.assign(app, { page });
  } catch (err) {
    await app.close();
    throw err;
  } finally {
    clearTimeout(timeout);
  }
}
