/**
 * The browser side of issue 18: the printed link's one-time code is traded for a session held
 * in the tab (no cookie reaches other servers on 127.0.0.1, the link in history is spent), and
 * a process whose name holds a right-to-left override is shown with a visible mark. Debian's
 * Chromium against the real `sockeye serve`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../support/chromium';
import { exchangeCode, startServe, type Serve } from '../support/serve';

const BIDI_NAME = '\u202eexe.gnp'; // reads as "png.exe" when the override is obeyed
let child: ChildProcess;
let serve: Serve;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let other: Server;
const cookiesSeen: (string | undefined)[] = [];

beforeAll(async () => {
  // The kernel names a process after the file it ran: a symlink to node named with the override.
  const dir = mkdtempSync(join(tmpdir(), 'sockeye-bidi-'));
  symlinkSync(process.execPath, join(dir, BIDI_NAME));
  child = spawn(
    join(dir, BIDI_NAME),
    ['-e', "require('net').createServer().listen(0, '127.0.0.1', () => console.log('up'))"],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise((r) => child.stdout!.once('data', r));
  serve = await startServe(['--filter', `pid:${child.pid}`]);
  // Another web server on loopback, as any local dev server: what cookies does the browser send it?
  other = createServer((req, res) => {
    cookiesSeen.push(req.headers.cookie);
    res.end('other server');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  await page.goto(serve.url);
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  other?.close();
  child?.kill();
});

const processRow = (p: Page) =>
  p
    .getByRole('grid', { name: 'Processes' })
    .getByRole('row')
    .filter({ hasText: String(child.pid) });

describe('sockeye serve in a browser: the session', () => {
  it('connects with the link, drops the code from the address bar, and sets no cookie', async () => {
    await processRow(page).waitFor({ timeout: 60_000 });
    expect(page.url()).not.toContain('code=');
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('sends no Sockeye credential to another server on 127.0.0.1', async () => {
    const port = (other.address() as AddressInfo).port;
    const p = await context.newPage();
    await p.goto(`http://127.0.0.1:${port}/`);
    await p.close();
    expect(cookiesSeen.length).toBeGreaterThan(0);
    expect(cookiesSeen.every((c) => c === undefined)).toBe(true);
  });

  it('keeps its session across a reload (held in the tab, not in the URL)', async () => {
    await page.reload();
    await processRow(page).waitFor({ timeout: 60_000 });
  });

  it('leaves nothing reusable in history: the visited link is refused, in the page and over HTTP', async () => {
    const fromHistory = await context.newPage();
    await fromHistory.goto(serve.url);
    // The header says why (and the views, whose calls fail with the same words).
    await fromHistory
      .getByText('this link has been used already', { exact: false })
      .first()
      .waitFor({ timeout: 30_000 });
    await fromHistory.screenshot({ path: screenshotPath('serve-used-link') });
    await fromHistory.close();
    expect(await exchangeCode(serve.origin, serve.code)).toBe(401);
  });

  it('opens in another tab with the fresh link serve printed', async () => {
    const next = await context.newPage();
    await next.goto(await serve.freshUrl());
    await processRow(next).waitFor({ timeout: 60_000 });
    await next.close();
  });
});

describe('sockeye serve in a browser: hostile names', () => {
  it('shows a right-to-left override as a visible mark, not as "png.exe"', async () => {
    const row = processRow(page);
    await row.waitFor({ timeout: 60_000 });
    const text = await row.innerText();
    expect(text).toContain('⟨U+202E⟩exe.gnp');
    expect(text).not.toContain('\u202e');
    await page.screenshot({ path: screenshotPath('serve-bidi-name') });
  });
});
