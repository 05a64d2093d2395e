/**
 * Anyone's text shown with its invisible controls as marks (issue 18 §5), in the places the first
 * round left raw: the filter's menus and messages, DNS record values and the Map's arrow tooltips;
 * and a file with bytes that are not UTF-8 opened through the browser's file picker warns (§4).
 * Debian's Chromium against the real `sockeye serve`, two real processes named with a
 * right-to-left override, connected over loopback, and the tests' DNS server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotToJson } from '../../src/common/export/json';
import { launchChromium, screenshotPath } from '../support/chromium';
import { startDnsServer, TEST_DNS, type TestDnsServer } from '../support/dnsServer';
import { sampleSnapshot } from '../support/sampleSnapshot';
import { startServe, type Serve } from '../support/serve';

const SERVER_NAME = '\u202eexe.gnp'; // reads as "png.exe" when the override is obeyed
const CLIENT_NAME = '\u202etneilc';
const dir = mkdtempSync(join(tmpdir(), 'sockeye-marks-'));
let server: ChildProcess;
let client: ChildProcess;
let dns: TestDnsServer;
let serve: Serve;
let browser: Browser;
let page: Page;

/** A node process whose kernel name is `name` (it ran a symlink of that name); resolves with its first line. */
function start(name: string, script: string, args: string[] = []): Promise<{ child: ChildProcess; line: string }> {
  symlinkSync(process.execPath, join(dir, name));
  const child = spawn(join(dir, name), ['-e', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout!.once('data', (d: Buffer) => resolve({ child, line: d.toString() })));
}

beforeAll(async () => {
  const s = await start(
    SERVER_NAME,
    "const srv = require('net').createServer(() => {}).listen(0, '127.0.0.1', () => console.log(srv.address().port))",
  );
  server = s.child;
  const port = s.line.trim();
  client = (
    await start(
      CLIENT_NAME,
      "require('net').connect(Number(process.argv[1]), '127.0.0.1', () => console.log('connected'))",
      [port],
    )
  ).child;
  dns = await startDnsServer();
  serve = await startServe(['--filter', `pid:${server.pid},${client.pid}`, '--dns-server', dns.address]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(60_000);
  await page.goto(serve.url);
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await dns?.close();
  server?.kill();
  client?.kill();
});

const MARKED_SERVER = '⟨U+202E⟩exe.gnp';

describe('invisible controls shown as marks', () => {
  it('in the filter menu of a cell and in "No rows match"', async () => {
    const row = page.getByRole('grid', { name: 'Processes' }).getByRole('row').filter({ hasText: MARKED_SERVER });
    await row.first().waitFor();
    await row.first().locator('[data-field="label"]').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Filter to this' });
    const items = await menu.getByRole('menuitem').allInnerTexts();
    expect(items.some((t) => t.includes(`every process named ${MARKED_SERVER}`))).toBe(true);
    expect(items.join('\n')).not.toContain('\u202e');
    await page.keyboard.press('Escape');

    const box = page.getByRole('textbox', { name: 'Filter' });
    const before = await box.inputValue();
    await box.fill('proc:"\u202enothing-here"');
    await box.press('Enter');
    const result = page.getByRole('status', { name: 'Filter result' });
    await expect.poll(() => result.innerText()).toContain('No rows match `proc:"⟨U+202E⟩nothing-here"`');
    expect(await result.innerText()).not.toContain('\u202e');
    await page.screenshot({ path: screenshotPath('marks-filter') });
    await box.fill(before);
    await box.press('Enter');
  });

  it('in a DNS record value', async () => {
    await page.getByRole('tab', { name: 'DNS' }).click();
    await page.getByRole('textbox', { name: 'Name or address' }).fill(TEST_DNS.bidiTxt.name);
    for (const t of ['A', 'AAAA', 'TXT']) {
      const b = page.getByRole('group', { name: 'Record types' }).getByRole('button', { name: t, exact: true });
      if (((await b.getAttribute('aria-pressed')) === 'true') !== (t === 'TXT')) await b.click();
    }
    await page.getByRole('button', { name: 'Look up' }).click();
    const table = page.getByRole('table', { name: `TXT records for ${TEST_DNS.bidiTxt.name}` });
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toContain(TEST_DNS.bidiTxt.shown);
    expect(text.includes('\u001b') || text.includes('\u0080')).toBe(false);
  });

  it("in a Map arrow's tooltip and name", async () => {
    await page.getByRole('tab', { name: 'Map' }).click();
    const edge = page.locator(`.map-edge[data-id="proc:${client.pid}->proc:${server.pid}"]`);
    await edge.waitFor({ state: 'attached' });
    const title = await edge.locator('title').textContent();
    expect(title).toContain(`⟨U+202E⟩tneilc → ${MARKED_SERVER}`);
    expect(await edge.getAttribute('aria-label')).toBe(title);
    expect(title).not.toContain('\u202e');
    await page.screenshot({ path: screenshotPath('marks-map') });
  });
});

describe("the browser's file picker", () => {
  it('opens a file with bytes that are not UTF-8 and warns, as the CLI does', async () => {
    const snap = sampleSnapshot();
    const text = snapshotToJson({ ...snap, host: { ...snap.host, hostname: 'hostXX' } });
    const bytes = Buffer.from(text);
    const at = text.indexOf('hostXX') + 4;
    bytes[at] = 0xff;
    bytes[at + 1] = 0xc3;
    const file = join(dir, 'latin.json');
    writeFileSync(file, bytes);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Open…' }).click(),
    ]);
    await chooser.setFiles(file);
    await page.getByRole('status', { name: 'Saved snapshot' }).waitFor();
    const warning = page.getByRole('status', { name: 'Snapshot file warning' });
    await expect(warning.innerText()).resolves.toBe(
      'latin.json: the file is not valid UTF-8 (2 invalid sequences, shown as \ufffd)',
    );
    await expect(page.getByRole('status', { name: 'Saved snapshot' }).innerText()).resolves.toContain(
      'host\ufffd\ufffd',
    );
    await page.screenshot({ path: screenshotPath('open-invalid-utf8') });
  });

  it('warns the same in Compare, whose sides open files of their own', async () => {
    const snap = sampleSnapshot();
    const bytes = Buffer.from(snapshotToJson({ ...snap, host: { ...snap.host, hostname: 'sideXX' } }));
    bytes[bytes.indexOf('sideXX') + 4] = 0xfe;
    const file = join(dir, 'side.json');
    writeFileSync(file, bytes);
    await page.getByRole('tab', { name: 'Compare' }).click();
    const earlier = page.getByRole('region', { name: 'Earlier snapshot' });
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      earlier.getByRole('button', { name: 'Open file…' }).click(),
    ]);
    await chooser.setFiles(file);
    await expect(earlier.getByRole('status', { name: 'Earlier file warning' }).innerText()).resolves.toBe(
      'side.json: the file is not valid UTF-8 (1 invalid sequence, shown as \ufffd)',
    );
    await expect(earlier.innerText()).resolves.toContain('Saved snapshot side.json');
  });
});
