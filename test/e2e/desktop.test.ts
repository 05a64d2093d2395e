/**
 * The desktop app end to end without the Electron binary: the BUILT main bundle and preload,
 * run by the harness in test/support/desktop (main in its own Node process with an Electron
 * stand-in, the window in Debian's Chromium, IPC structured-cloned across processes). Real child
 * processes, a real DNS server on loopback, real files. The `_electron` test (electron.test.ts)
 * runs the same app in Electron itself where the binary is installed.
 */
import { apiMethods } from '../../src/common/contract/api';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP_CSP } from '../../src/common/contract/contentSecurityPolicy';
import { parseSnapshotText } from '../../src/common/snapshot/openSnapshot';
import { screenshotPath } from '../support/chromium';
import { startCommandChild, type CommandChild } from '../support/commandChild';
import { launchDesktop, type DesktopApp } from '../support/desktop/harness';
import { startDnsServer, TEST_DNS, type TestDnsServer } from '../support/dnsServer';

const OUT = resolve(__dirname, '../../out');
const home = mkdtempSync(join(tmpdir(), 'sockeye-desktop-'));
const documents = join(home, 'Documents');
// The app keeps its action log here (Electron's per-user app folder).
const userData = join(home, 'config', 'Sockeye');
let dns: TestDnsServer;
let child: CommandChild;
let app: DesktopApp;
let page: Page;
let documentCsp: string | undefined;

beforeAll(async () => {
  dns = await startDnsServer();
  child = await startCommandChild('changingPeer.mjs');
  mkdirSync(documents);
  mkdirSync(userData, { recursive: true });
  app = await launchDesktop({ args: ['--dns-server', dns.address], paths: { home, documents, userData } });
  page = app.page;
  // A busy shared machine can take a while per snapshot.
  page.setDefaultTimeout(60_000);
  documentCsp = await page.evaluate(async () => {
    // The document's own response headers, as the app's protocol handler sent them.
    const r = await fetch(location.href, { method: 'HEAD' });
    return r.headers.get('content-security-policy') ?? undefined;
  });
});
afterAll(async () => {
  await app?.close();
  await child?.stop();
  await dns?.close();
});

const box = () => page.getByRole('textbox', { name: 'Filter' });
async function showOnly(filter: string) {
  await box().fill(filter);
  await box().press('Enter');
}

describe('the built app starts', () => {
  it('loads the built preload without error and the window from its own protocol', async () => {
    expect(app.preloadErrors).toEqual([]);
    expect(app.unsupported).toEqual([]);
    // Privileged before ready, and served by protocol.handle: the page is sockeye://app/index.html to main.
    expect(app.schemes).toEqual([
      { scheme: 'sockeye', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(app.frameInfo(page.mainFrame())).toEqual({ url: 'sockeye://app/index.html', parentUrl: null });
    const prefs = app.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(prefs.preload).toBe(join(OUT, 'preload/index.cjs'));
    // The icon the window asks for exists where the built bundle looks for it.
    expect(statSync(String(app.windows[0]!.options.icon)).isFile()).toBe(true);
  });

  it('exposes exactly the API over IPC, and nothing of Node', async () => {
    const keys = await page.evaluate(() => Object.keys((window as unknown as { sockeye: object }).sockeye).sort());
    // One function per method of the contract, and nothing else: read from the contract, not a copy of it.
    expect(keys).toEqual([...Object.keys(apiMethods), 'onEvent', 'transport'].sort());
    await expect(
      page.evaluate(() => (window as unknown as { sockeye: { transport: string } }).sockeye.transport),
    ).resolves.toBe('ipc');
    await expect(page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).resolves.toBe(
      'undefined',
    );
    await expect(page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).resolves.toBe(
      'undefined',
    );
  });

  it('the strict CSP arrives as a header: no connection anywhere but our own origin, no framing', async () => {
    expect(documentCsp).toBe(DESKTOP_CSP);
    const violated = await page.evaluate(
      () =>
        new Promise<string>((res) => {
          document.addEventListener('securitypolicyviolation', (e) => res(e.violatedDirective), { once: true });
          try {
            new WebSocket('ws://127.0.0.1:9/');
          } catch {
            res('threw');
          }
          setTimeout(() => res('none'), 3000);
        }),
    );
    expect(violated).toBe('connect-src');
  });

  it('the snapshot worker is the one next to the built bundle', async () => {
    const started = () => app.workers.filter((w) => w.event === 'start' && w.url !== '(eval)').map((w) => w.url);
    const failure = page.getByText(/^Could not take a snapshot/);
    // The first snapshot starts the worker, or fails saying why.
    await expect.poll(async () => started().length > 0 || (await failure.count()) > 0, { timeout: 60_000 }).toBe(true);
    const said = (await failure.count()) ? await failure.first().innerText() : 'no error shown';
    expect(started(), `the window says: ${said}`).toEqual([pathToFileURL(join(OUT, 'main/snapshotWorker.js')).href]);
  });

  it('a call crosses IPC and back: the snapshot, structured-cloned, holds the test DNS server', async () => {
    const got = await page.evaluate(async (pid) => {
      const s = await (
        window as unknown as { sockeye: { snapshot(p: object): Promise<{ processes: { pid: number }[] }> } }
      ).sockeye.snapshot({});
      return { processes: s.processes.length, mine: s.processes.some((p) => p.pid === pid) };
    }, process.pid); // this test process, which runs the DNS server on loopback
    expect(got.mine).toBe(true);
    expect(app.invokeFailures).toEqual([]);
  });

  it('the tabs render from IPC data: a real process and its listener', async () => {
    const port = Number((await child.send('listen')).port);
    await showOnly(`pid:${child.pid}`);
    await page.getByRole('tab', { name: 'Ports' }).click();
    await page
      .getByRole('grid', { name: 'Ports' })
      .getByRole('row')
      .filter({ has: page.getByRole('gridcell', { name: String(port), exact: true }) })
      .waitFor();
    await page.getByRole('tab', { name: 'Processes' }).click();
    await page
      .getByRole('grid', { name: 'Processes' })
      .getByRole('row')
      .filter({ hasText: String(child.pid) })
      .waitFor();
    await page.screenshot({ path: screenshotPath('desktop-processes') });
  });

  it('live refresh arrives as IPC events: a listener started now is highlighted as new', async () => {
    expect(await page.getByRole('switch', { name: 'Live refresh' }).isChecked()).toBe(true);
    await page.getByRole('tab', { name: 'Ports' }).click();
    const port = Number((await child.send('listen')).port);
    await page
      .getByRole('grid', { name: 'Ports' })
      .locator('[role="row"].row-new')
      .filter({ hasText: String(port) })
      .waitFor({ timeout: 60_000 });
  });
});

describe('files through the main process dialogs', () => {
  const target = join(documents, 'desktop-export.json');

  it('Export saves through the save dialog, atomically replacing the file', async () => {
    writeFileSync(target, 'an older export');
    const before = statSync(target).ino;
    app.answerDialog('showSaveDialog', { canceled: false, filePath: target });
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export snapshot' });
    await dialog.getByRole('radio', { name: /^JSON —/ }).check();
    await dialog.getByRole('button', { name: 'Save…' }).click();
    await page.getByText('Saved desktop-export.json').first().waitFor();
    const opened = parseSnapshotText(readFileSync(target, 'utf8'));
    if (!opened.ok) throw new Error(opened.error);
    expect(opened.snapshot.processes.some((p) => p.pid === child.pid)).toBe(true);
    // Written beside and renamed over: a new inode, and no temporary file left behind.
    expect(statSync(target).ino).not.toBe(before);
    expect(readdirSync(documents)).toEqual(['desktop-export.json']);
    const asked = app.dialogs.find((d) => d.kind === 'showSaveDialog')!.options as { defaultPath: string };
    expect(asked.defaultPath.startsWith(documents + '/')).toBe(true);
    expect(asked.defaultPath).toMatch(/\.json$/);
  });

  it('Open shows the saved snapshot chosen in the open dialog', async () => {
    app.answerDialog('showOpenDialog', { canceled: false, filePaths: [target] });
    await page.getByRole('button', { name: 'Open…' }).click();
    const banner = page.getByRole('status', { name: 'Saved snapshot' });
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toContain('desktop-export.json');
    await page.getByRole('button', { name: 'Back to live' }).click();
    await banner.waitFor({ state: 'hidden' });
  });
});

describe('DNS', () => {
  it('a lookup in the DNS tab asks the DNS server given on the command line', async () => {
    await page.getByRole('tab', { name: 'DNS' }).click();
    await page.getByRole('textbox', { name: 'Name or address' }).fill(TEST_DNS.multi.name);
    await page.getByRole('textbox', { name: 'DNS server' }).fill('');
    await page.getByRole('textbox', { name: 'Timeout (ms)' }).fill('5000');
    await page.getByRole('button', { name: 'Look up' }).click();
    const table = page.getByRole('table', { name: `A records for ${TEST_DNS.multi.name}`, exact: true });
    await table.waitFor();
    const text = await table.innerText();
    for (const a of TEST_DNS.multi.a) expect(text).toContain(a);
    expect(dns.log.some((q) => q.name === TEST_DNS.multi.name && q.type === 'A')).toBe(true);
  });
});

describe('the shell refuses what is not ours', () => {
  // Awaited in the page: a bridged function's result is a callable thenable (see pageBridge.ts).
  const call = `(async () => await window.sockeye.source({}))()`;

  it('a call from a sub-frame is refused by the sender check', async () => {
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.srcdoc = '<p>inner</p>';
      f.title = 'inner';
      document.body.append(f);
      return new Promise((r) => f.addEventListener('load', r, { once: true }));
    });
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    expect(app.frameInfo(frame).parentUrl).toMatch(/^sockeye:\/\/app\/index\.html/);
    await expect(frame.evaluate(call)).rejects.toThrow(/accepted only from the Sockeye window \(FORBIDDEN\)/);
    await page.evaluate(() => document.querySelector('iframe[title=inner]')!.remove());
  });

  it('a call from another URL of the main frame is refused, from our own URL accepted', async () => {
    await expect(page.evaluate(call)).resolves.toEqual({ kind: 'live', name: null });
    await page.evaluate(() => history.pushState(null, '', '/elsewhere.html'));
    await expect(page.evaluate(call)).rejects.toThrow(/FORBIDDEN/);
    await page.evaluate(() => history.pushState(null, '', '/index.html'));
  });

  it('navigating away is denied by will-navigate', async () => {
    const before = page.url();
    await page.evaluate(() => {
      location.href = 'https://evil.example/';
    });
    await expect
      .poll(() => app.navigations, { timeout: 30_000 })
      .toContainEqual({ url: 'https://evil.example/', prevented: true });
    // Still our page, still working.
    await new Promise((r) => setTimeout(r, 300));
    expect(page.url()).toBe(before);
    await page.getByRole('tab', { name: 'Processes' }).click();
    expect(app.refusedRequests).not.toContain('https://evil.example/');
  });

  it('window.open is denied; only our documentation goes to the browser', async () => {
    await page.evaluate(() => {
      window.open('https://evil.example/popup');
      window.open('https://sockeye.dev/docs/filter');
    });
    await expect.poll(() => app.windowOpens.length, { timeout: 30_000 }).toBe(2);
    expect(app.windowOpens).toEqual(
      expect.arrayContaining([
        { url: 'https://evil.example/popup', action: 'deny' },
        { url: 'https://sockeye.dev/docs/filter', action: 'deny' },
      ]),
    );
    expect(app.openedExternal).toEqual(['https://sockeye.dev/docs/filter']);
    expect(app.stderr()).toContain('refused to open "https://evil.example/popup"');
  });

  it('denies permission requests, checks and devices', async () => {
    const origin = 'sockeye://app';
    await expect(app.permission('request', 'media', origin)).resolves.toBe(false);
    await expect(app.permission('request', 'notifications', origin)).resolves.toBe(false);
    await expect(app.permission('check', 'clipboard-read', origin)).resolves.toBe(false);
    await expect(app.permission('device', 'usb', origin)).resolves.toBe(false);
  });
});

describe('the menu', () => {
  it('has Open and Export, and their commands reach the renderer', async () => {
    const file = app.menu.find((m) => m.label === 'File')!;
    expect(file.submenu!.map((i) => i.label ?? i.role)).toEqual(
      expect.arrayContaining(['Open Snapshot…', 'Export…', 'quit']),
    );
    const view = app.menu.find((m) => m.label === 'View')!;
    // Not packaged: developer tools are there (a packaged build leaves them out; see electronShell.test.ts).
    expect(view.submenu!.map((i) => i.role)).toContain('toggleDevTools');
    await app.clickMenu(['File', 'Export…']);
    const dialog = page.getByRole('dialog', { name: 'Export snapshot' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    app.answerDialog('showOpenDialog', { canceled: true, filePaths: [] });
    const asked = app.dialogs.length;
    await app.clickMenu(['File', 'Open Snapshot…']);
    await expect.poll(() => app.dialogs.length, { timeout: 30_000 }).toBe(asked + 1);
    expect(app.dialogs.at(-1)!.kind).toBe('showOpenDialog');
  });

  it('Help › About shows the version from the app’s package.json in a main-process message box', async () => {
    const version = (JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { version: string })
      .version;
    app.answerDialog('showMessageBox', { response: 0, checkboxChecked: false });
    await app.clickMenu(['Help', 'About Sockeye']);
    await expect.poll(() => app.dialogs.at(-1)?.kind, { timeout: 30_000 }).toBe('showMessageBox');
    expect(app.dialogs.at(-1)!.options).toMatchObject({ title: 'About Sockeye', message: `Sockeye ${version}` });
  });
});

describe('IPC', () => {
  it('no call failed to cross between the window and main in all of the above', () => {
    expect(app.invokeFailures).toEqual([]);
    expect(app.unsupported).toEqual([]);
  });
});

describe('quitting', () => {
  it('closes the worker and cancels DNS: the main process ends by itself', async () => {
    // A lookup that would wait 20 s for a name the server never answers is under way when the user quits.
    await page.getByRole('tab', { name: 'DNS' }).click();
    await page.getByRole('textbox', { name: 'Name or address' }).fill('silent.sockeye.test');
    await page.getByRole('textbox', { name: 'DNS server' }).fill('');
    await page.getByRole('textbox', { name: 'Timeout (ms)' }).fill('20000');
    await page.getByRole('button', { name: 'Look up' }).click();
    await expect.poll(() => dns.log.some((q) => q.name === 'silent.sockeye.test'), { timeout: 30_000 }).toBe(true);
    await app.clickMenu(['File', 'quit']);
    const exit = await app.waitForExit(10_000);
    // Nothing of the app's is left 300 ms after quit — no worker, no DNS query or timer — only the
    // pipes the harness talks to it over (stdout, stderr, IPC).
    expect(app.activeAtQuit?.filter((r) => r !== 'PipeWrap')).toEqual([]);
    expect(exit, `still running 10 s after quit; alive: ${JSON.stringify(app.activeAtQuit)}`).toEqual({
      code: 0,
      signal: null,
    });
    const worker = app.workers.find((w) => w.url.endsWith('/snapshotWorker.js'))!;
    expect(app.workers).toContainEqual(expect.objectContaining({ event: 'exit', threadId: worker.threadId }));
  });
});
