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
import type { Browser, BrowserContext, Frame, Page, Route } from 'playwright-core';
import { launchChromium } from '../chromium';
import { installBridge, type Bridge } from './pageBridge';
import { runPreload, type LoadedPreload } from './preloadSandbox';
import { toAppUrl, toBrowserUrl } from './schemeUrls';
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
type Exit = { code: number | null; signal: string | null };

/** The renderer host: one per launched app. Public fields are what DesktopApp exposes to tests. */
class Harness implements Omit<DesktopApp, 'page'> {
  readonly windows: WindowState[] = [];
  readonly preloadErrors: string[] = [];
  readonly pageErrors: string[] = [];
  readonly openedExternal: string[] = [];
  readonly navigations: { url: string; prevented: boolean }[] = [];
  readonly windowOpens: { url: string; action: string }[] = [];
  readonly refusedRequests: string[] = [];
  readonly dialogs: { kind: DialogKind; options: unknown }[] = [];
  readonly schemes: { scheme: string; privileges: Record<string, boolean> }[] = [];
  menu: MenuNode[] = [];
  readonly workers: DesktopApp['workers'] = [];
  readonly unsupported: string[] = [];
  readonly invokeFailures: string[] = [];
  activeAtQuit: string[] | null = null;

  private output = '';
  private exited: Exit | null = null;
  private readonly exitWaiters: (() => void)[] = [];
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly dialogAnswers = new Map<DialogKind, unknown[]>();
  private readonly hostNavigations = new Set<string>();
  private readonly popupUrls = new WeakMap<Page, string>();
  private readonly popupQueue: string[] = [];
  private bridge: Bridge | null = null;
  private firstLoaded!: (p: Page) => void;
  private launchFailed!: (e: Error) => void;
  readonly launched = new Promise<Page>((res, rej) => ((this.firstLoaded = res), (this.launchFailed = rej)));

  constructor(
    readonly main: ChildProcess,
    private readonly browser: Browser,
    private readonly context: BrowserContext,
  ) {
    main.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    main.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    main.on('exit', (code, signal) => {
      this.exited = { code, signal };
      for (const w of this.exitWaiters.splice(0)) w();
      this.launchFailed(
        new Error(
          `the main process exited (code ${code}, signal ${signal}) before its window loaded:\n${tail(this.output)}`,
        ),
      );
    });
    main.on('message', (m) => this.onMessage(m as FromMain));
  }

  // ---- what tests call

  answerDialog(kind: DialogKind, value: unknown): void {
    this.dialogAnswers.set(kind, [...(this.dialogAnswers.get(kind) ?? []), value]);
  }
  clickMenu(path: string[]): Promise<void> {
    return this.ask((id) => ({ type: 'menu-click', id, path }));
  }
  permission(kind: PermissionKind, permission: string, origin: string): Promise<boolean> {
    return this.ask((id) => ({ type: 'permission', id, kind, permission, origin }));
  }
  frameInfo = (f: Frame): FrameInfo => ({
    url: this.appUrl(f.url()),
    parentUrl: f.parentFrame() ? this.appUrl(f.parentFrame()!.url()) : null,
  });
  stderr(): string {
    return this.output;
  }
  waitForExit(ms: number): Promise<Exit | null> {
    return new Promise((res) => {
      if (this.exited) return res(this.exited);
      const t = setTimeout(() => res(null), ms);
      this.exitWaiters.push(() => (clearTimeout(t), res(this.exited)));
    });
  }
  async close(): Promise<void> {
    if (!this.exited) this.main.kill('SIGKILL');
    await this.browser.close().catch(() => {});
  }
  failLaunch(message: string): void {
    this.launchFailed(new Error(`${message}; main process output:\n${tail(this.output)}`));
  }

  // ---- talking to main

  send(m: ToMain): void {
    if (this.main.connected) this.main.send(m);
  }
  private ask<T>(make: (id: number) => ToMain): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((res, rej) => {
      this.pending.set(id, { resolve: res as (v: unknown) => void, reject: rej });
      this.send(make(id));
    });
  }
  /** ipcRenderer.invoke: structured-cloned to main; a value that cannot be cloned fails here, as in Electron. */
  private invoke(win: WindowState, channel: string, args: unknown[], frame: FrameInfo): Promise<unknown> {
    return new Promise((res, rej) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: res, reject: rej });
      try {
        this.main.send({ type: 'invoke', id, wcId: win.wcId, channel, args, frame } satisfies ToMain);
      } catch (err) {
        this.pending.delete(id);
        this.invokeFailures.push(`Error invoking remote method '${channel}': ${String(err)}`);
        rej(new Error(this.invokeFailures.at(-1)));
      }
    });
  }
  private settle(m: Extract<FromMain, { type: 'invoke-result' | 'reply' }>): void {
    const call = this.pending.get(m.id);
    this.pending.delete(m.id);
    if (m.type === 'invoke-result') {
      if (m.ok) return call?.resolve(m.value);
      this.invokeFailures.push(m.message);
      return call?.reject(new Error(m.message));
    }
    if (m.error) call?.reject(new Error(m.error));
    else call?.resolve(m.value);
  }

  private onMessage(m: FromMain): void {
    const win = 'wcId' in m ? this.windows.find((w) => w.wcId === m.wcId) : undefined;
    switch (m.type) {
      case 'window':
        return void this.windows.push({ wcId: m.wcId, options: m.options, page: null, preload: null });
      case 'load-url':
        return win && this.startLoad(win, m.url);
      case 'send':
        return win?.preload?.deliver(m.channel, m.args);
      case 'invoke-result':
      case 'reply':
        return this.settle(m);
      case 'dialog':
        return this.onDialog(m);
      case 'open-external':
        return void this.openedExternal.push(m.url);
      case 'menu':
        return void (this.menu = m.tree);
      case 'schemes':
        return void this.schemes.push(...m.schemes);
      case 'worker':
        return void this.workers.push({ event: m.event, threadId: m.threadId, url: m.url, code: m.code });
      case 'quit-done':
        return void (this.activeAtQuit = m.active);
      case 'unsupported':
        return void this.unsupported.push(m.message);
      case 'reload':
        return win && this.reload(win);
      case 'window-closed':
        return void win?.page?.close().catch(() => {});
    }
  }

  private onDialog(m: Extract<FromMain, { type: 'dialog' }>): void {
    this.dialogs.push({ kind: m.kind, options: m.options });
    const queued = this.dialogAnswers.get(m.kind) ?? [];
    if (queued.length === 0)
      this.send({ type: 'dialog-answer', id: m.id, value: null, error: `the test queued no answer for ${m.kind}` });
    else this.send({ type: 'dialog-answer', id: m.id, value: queued.shift() });
  }

  // ---- the window

  private standardSchemes(): string[] {
    return this.schemes.filter((s) => s.privileges.standard).map((s) => s.scheme);
  }
  private appUrl(url: string): string {
    return toAppUrl(url, this.standardSchemes());
  }
  private windowOfPage(p: Page | null): WindowState | undefined {
    return this.windows.find((w) => w.page === p);
  }

  private loadPreload(win: WindowState): LoadedPreload | null {
    const file = String((win.options.webPreferences as Record<string, unknown>).preload ?? '');
    try {
      return runPreload(file, {
        mainFrame: () => (win.page ? this.frameInfo(win.page.mainFrame()) : { url: '', parentUrl: null }),
        invoke: (channel, args, frame) => this.invoke(win, channel, args, frame),
      });
    } catch (err) {
      // Electron logs this in the window's console and loads the page without the preload's API.
      this.preloadErrors.push(
        `Unable to load preload script: ${file}\n${err instanceof Error ? err.stack : String(err)}`,
      );
      return null;
    }
  }

  private startLoad(win: WindowState, url: string): void {
    this.load(win, url).then(
      () => {
        this.send({ type: 'loaded', wcId: win.wcId });
        this.firstLoaded(win.page!);
      },
      (err: unknown) => {
        this.send({ type: 'load-failed', wcId: win.wcId, message: String(err) });
        this.launchFailed(new Error(`the window failed to load ${url}: ${String(err)}`));
      },
    );
  }

  private async load(win: WindowState, url: string): Promise<void> {
    const prefs = (win.options.webPreferences ?? {}) as Record<string, unknown>;
    if (prefs.sandbox !== true || prefs.contextIsolation !== true || prefs.nodeIntegration === true)
      throw new Error('the harness runs only sandboxed, context-isolated windows without Node integration');
    const mapped = toBrowserUrl(url, this.standardSchemes());
    if (!mapped)
      throw new Error(
        `the harness serves only a standard scheme the app handles with protocol.handle; asked for ${url}`,
      );
    if (!win.page) {
      win.page = await this.context.newPage();
      win.page.on('pageerror', (e) => this.pageErrors.push(String(e)));
      win.page.on('console', (m) => {
        if (m.type() === 'error') this.pageErrors.push(m.text());
      });
    }
    await win.page.setViewportSize({
      width: Number(win.options.width ?? 1280),
      height: Number(win.options.height ?? 820),
    });
    win.preload = this.loadPreload(win);
    const exposures = win.preload?.exposures ?? [];
    if (!this.bridge) this.bridge = await installBridge(this.context, exposures, this.frameInfo);
    else this.bridge.setExposures(exposures);
    this.hostNavigations.add(mapped);
    await win.page.goto(mapped, { waitUntil: 'load' });
  }

  private reload(win: WindowState): void {
    if (!win.page) return;
    this.hostNavigations.add(win.page.url());
    win.preload = this.loadPreload(win);
    this.bridge?.setExposures(win.preload?.exposures ?? []);
    void win.page.reload();
  }

  /** Every request of every page: our scheme through the app's protocol handler, navigations through will-navigate. */
  async onRoute(route: Route): Promise<void> {
    const req = route.request();
    const url = req.url();
    let frame: Frame | null = null;
    try {
      frame = req.frame();
    } catch {
      /* a popup's first navigation, or a worker's request: no frame yet */
    }
    if (req.isNavigationRequest()) {
      const page = frame?.page() ?? null;
      const win = this.windowOfPage(page);
      if (!frame || !win) {
        // A popup from window.open, judged by the open handler (onPopup).
        if (page) this.popupUrls.set(page, url);
        else this.popupQueue.push(url);
        return route.abort('blockedbyclient');
      }
      if (frame === page!.mainFrame() && !this.hostNavigations.delete(url)) {
        const prevented = await this.ask<boolean>((id) => ({
          type: 'will-navigate',
          id,
          wcId: win.wcId,
          url: this.appUrl(url),
        }));
        this.navigations.push({ url: this.appUrl(url), prevented });
        // 204 No Content: the browser stays on the page, as after Electron's preventDefault (an
        // aborted request would put an error page in its place).
        if (prevented) return route.fulfill({ status: 204, body: '' });
      }
    }
    if (this.appUrl(url) === url) {
      this.refusedRequests.push(url);
      return route.abort('blockedbyclient');
    }
    await this.serve(route, url);
  }

  private async serve(route: Route, url: string): Promise<void> {
    const req = route.request();
    try {
      const res = await this.ask<{ status: number; headers: [string, string][]; body: Uint8Array }>((id) => ({
        type: 'protocol-request',
        id,
        url: this.appUrl(url),
        method: req.method(),
        headers: req.headers(),
      }));
      await route.fulfill({
        status: res.status,
        headers: Object.fromEntries(res.headers),
        body: Buffer.from(res.body),
      });
    } catch (err) {
      this.pageErrors.push(`protocol handler failed for ${this.appUrl(url)}: ${String(err)}`);
      await route.abort('failed');
    }
  }

  /** A new page that is not a window: a popup. Main's window-open handler decides; the harness opens none. */
  async onPopup(p: Page): Promise<void> {
    if (this.windowOfPage(p) || this.windows.some((w) => w.page === null)) return;
    const opener = this.windowOfPage(await p.opener());
    for (let i = 0; i < 40 && !this.popupUrls.has(p) && this.popupQueue.length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    const url = this.appUrl(this.popupUrls.get(p) ?? this.popupQueue.shift() ?? p.url());
    const action = opener
      ? await this.ask<string>((id) => ({ type: 'window-open', id, wcId: opener.wcId, url }))
      : 'no opener';
    this.windowOpens.push({ url, action });
    if (action === 'allow')
      this.unsupported.push(`window.open(${url}) was allowed: the harness does not open new windows`);
    await p.close().catch(() => {});
  }
}

export async function launchDesktop(options: LaunchOptions = {}): Promise<DesktopApp> {
  await buildStandIn();
  const main = options.main ?? BUILT_MAIN;
  if (!existsSync(main)) throw new Error(`${main} is not built: run \`npm run build:app\``);
  const browser = await launchChromium();
  const context = await browser.newContext({ serviceWorkers: 'block' });
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
  const harness = new Harness(child, browser, context);
  await context.route('**/*', (route) => harness.onRoute(route));
  context.on('page', (p) => void harness.onPopup(p));
  harness.send({ type: 'start' });
  const timeout = setTimeout(() => harness.failLaunch('the window did not load within 60 s'), 60_000);
  try {
    const page = await harness.launched;
    return Object.assign(harness, { page });
  } catch (err) {
    await harness.close();
    throw err;
  } finally {
    clearTimeout(timeout);
  }
}
