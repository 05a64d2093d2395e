/**
 * Export, open and compare in a real browser: Chromium against `sockeye serve`, a real child
 * process whose listener is in the saved snapshot and then goes away.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSnapshotText } from '../../src/common/snapshot/openSnapshot';
import type { Snapshot } from '../../src/common/model/model';
import { launchChromium, screenshotPath } from '../support/chromium';
import { startCommandChild, type CommandChild } from '../support/commandChild';
import { startServe, type Serve } from '../support/serve';

const dir = mkdtempSync(join(tmpdir(), 'sockeye-e2e-export-'));
let child: CommandChild;
let port: number;
let serve: Serve;
let browser: Browser;
let page: Page;
let savedPath = '';
let saved: Snapshot;
/** When each pushed event (live snapshots and deltas) reached the page. */
const liveFrames: number[] = [];

beforeAll(async () => {
  child = await startCommandChild('changingPeer.mjs');
  port = Number((await child.send('listen')).port);
  serve = await startServe();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  // Other test suites on this machine may hold tens of thousands of sockets: snapshots take a while.
  page.setDefaultTimeout(90_000);
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('utf8');
      // Pushed events start so (a big one's first piece too); answers to requests start with "id".
      if (text.startsWith('{"event":')) liveFrames.push(Date.now());
    }),
  );
  await page.goto(serve.url);
  await page
    .getByRole('grid', { name: 'Processes' })
    .getByRole('row')
    .filter({ hasText: String(child.pid) })
    .waitFor();
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await child?.stop();
});

/** The child's listener in the Ports view: its port in the Port column, its pid in the Process column. */
function portRow(p: Page) {
  return p
    .getByRole('grid', { name: 'Ports' })
    .getByRole('row')
    .filter({ has: p.getByRole('gridcell', { name: String(port), exact: true }) })
    .filter({ hasText: `(${child.pid})` });
}

async function exportAs(
  format: 'JSON' | 'CSV' | 'HTML',
  mask = false,
): Promise<{ name: string; text: string; path: string }> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export snapshot' });
  await dialog.getByRole('radio', { name: new RegExp(`^${format} —`) }).check();
  const maskBox = dialog.getByRole('checkbox', { name: /^Mask public IPs/ });
  if (mask) await maskBox.check();
  else await maskBox.uncheck();
  if (mask) await page.screenshot({ path: screenshotPath('export-dialog') });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Download' }).click(),
  ]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  await dialog.waitFor({ state: 'hidden' });
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8'), path };
}

describe('export in the browser', () => {
  it('downloads the JSON document, which opens again and holds the live listener', async () => {
    const { name, text, path } = await exportAs('JSON');
    expect(name).toMatch(/^sockeye-.+\.json$/);
    const opened = parseSnapshotText(text);
    if (!opened.ok) throw new Error(opened.error);
    saved = opened.snapshot;
    savedPath = path;
    expect(saved.sockets.some((s) => s.pid === child.pid && s.state === 'LISTEN' && s.localPort === port)).toBe(true);
    await expect(
      page
        .getByRole('alert')
        .or(page.getByText(`Downloaded ${name}`))
        .first()
        .innerText(),
    ).resolves.toContain('Downloaded');
  });

  it('downloads CSV a CSV parser reads, and a masked HTML report', async () => {
    const csv = await exportAs('CSV');
    const rows = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true });
    expect(rows.errors).toEqual([]);
    expect(rows.data.some((r) => r.pid === String(child.pid) && r.localPort === String(port))).toBe(true);
    const html = await exportAs('HTML', true);
    expect(html.name).toMatch(/^sockeye-masked-/);
    expect(html.text).toContain('Client / server summary');
    expect(html.text).toContain('host-1');
    expect(html.text).not.toContain(`>${saved.host.hostname} (`);
  });
});

describe('export of what the filter shows', () => {
  it('keeps only the filtered rows when asked', async () => {
    const box = page.getByRole('textbox', { name: 'Filter' });
    await box.fill(`port:${port}`);
    await box.press('Enter');
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export snapshot' });
    const onlyFiltered = dialog.getByRole('radio', { name: /^Only what the filter shows \(\d+ sockets/ });
    await expect.poll(() => onlyFiltered.isEnabled()).toBe(true);
    await onlyFiltered.check();
    await dialog.getByRole('radio', { name: /^CSV —/ }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Download' }).click(),
    ]);
    const path = join(dir, `filtered-${download.suggestedFilename()}`);
    await download.saveAs(path);
    const rows = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect([r.localPort, r.remotePort]).toContain(String(port));
    await page.getByRole('button', { name: 'Clear filter' }).click();
  });
});

describe('open in the browser', () => {
  it('a saved snapshot is browsed in every view, marked with its time and host', async () => {
    await child.stop(); // the listener is gone from the live host now
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Open…' }).click(),
    ]);
    await chooser.setFiles(savedPath);
    const banner = page.getByRole('status', { name: 'Saved snapshot' });
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toContain('Saved snapshot');
    expect(text).toContain(`on ${saved.host.hostname}`);
    expect(text).toContain(savedPath.split('/').pop()!);
    await page.getByRole('tab', { name: 'Ports' }).click();
    await portRow(page).first().waitFor();
    await page.screenshot({ path: screenshotPath('saved-snapshot') });
  });

  it('Compare: the saved snapshot against now shows the listener that closed', async () => {
    await page.getByRole('tab', { name: 'Compare' }).click();
    const closed = page.getByRole('table', { name: 'Listeners closed' });
    await closed.waitFor();
    await closed
      .getByRole('row')
      .filter({ hasText: `127.0.0.1:${port}` })
      .filter({ hasText: `(${child.pid})` })
      .waitFor();
    await expect(page.getByRole('group', { name: 'Summary of changes' }).innerText()).resolves.toMatch(
      /[1-9]\d* listeners closed/,
    );
    await expect(
      page.getByRole('table', { name: 'Processes vanished' }).getByText(String(child.pid), { exact: true }).count(),
    ).resolves.toBe(1);
    await page.screenshot({ path: screenshotPath('compare') });
  });

  it('live refresh rests while the saved snapshot is open, and Back to live leaves it with fresh data', async () => {
    // Live is on (the user's setting), yet nothing is pushed while a file is browsed.
    expect(await page.getByRole('switch', { name: 'Live refresh' }).isChecked()).toBe(false);
    await page.waitForTimeout(1500); // a tick already on its way may still land
    const from = Date.now();
    await page.waitForTimeout(3000);
    expect(liveFrames.filter((t) => t >= from)).toEqual([]);
    await page.getByRole('button', { name: 'Back to live' }).click();
    await page.getByRole('status', { name: 'Saved snapshot' }).waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Ports' }).click();
    const grid = page.getByRole('grid', { name: 'Ports' });
    await grid.waitFor();
    await expect.poll(() => portRow(page).count(), { timeout: 30_000 }).toBe(0);
    // Live refresh is back on, as the user had it, and pushing again.
    expect(await page.getByRole('switch', { name: 'Live refresh' }).isChecked()).toBe(true);
    const back = Date.now();
    await expect.poll(() => liveFrames.filter((t) => t >= back).length, { timeout: 30_000 }).toBeGreaterThan(0);
  });

  it('a truncated file gives a clear message and changes nothing', async () => {
    const cut = join(dir, 'cut.json');
    const text = readFileSync(savedPath, 'utf8').slice(0, 300);
    writeFileSync(cut, text);
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Open…' }).click(),
    ]);
    await chooser.setFiles(cut);
    const alert = page.getByRole('alert').filter({ hasText: 'cut.json' });
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toContain(
      `Could not open cut.json: the file is truncated at byte ${Buffer.byteLength(text)}`,
    );
    await expect(page.getByRole('status', { name: 'Saved snapshot' }).count()).resolves.toBe(0);
  });

  it('a file dropped on the window opens too', async () => {
    const text = readFileSync(savedPath, 'utf8');
    const dataTransfer = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.json', { type: 'application/json' }));
      return dt;
    }, text);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer });
    await page.dispatchEvent('body', 'drop', { dataTransfer });
    const banner = page.getByRole('status', { name: 'Saved snapshot' });
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toContain('dropped.json');
  });
});

describe('sockeye serve --snapshot', () => {
  it('serves the saved file, marked, with live refresh off and no way to live', async () => {
    await page.close(); // one page at a time on this small machine
    const fixed = await startServe(['--snapshot', savedPath]);
    try {
      expect(fixed.stderr()).toContain('serving the saved snapshot');
      const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      p.setDefaultTimeout(90_000);
      await p.goto(fixed.url);
      const banner = p.getByRole('status', { name: 'Saved snapshot' });
      await banner.waitFor().catch(async (err: unknown) => {
        await p.screenshot({ path: screenshotPath('serve-snapshot-failed') });
        throw err;
      });
      const text = await banner.innerText();
      expect(text).toContain(`on ${saved.host.hostname}`);
      expect(text).toContain('live refresh is off');
      await expect(p.getByRole('button', { name: 'Back to live' }).count()).resolves.toBe(0);
      await p.getByRole('tab', { name: 'Ports' }).click();
      await portRow(p).first().waitFor();
      await p.screenshot({ path: screenshotPath('serve-snapshot') });
      await p.close();
    } finally {
      await fixed.stop();
    }
  });

  it('refuses an invalid file with one clear line, exit 1', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"schema":"sockeye.snapshot/9"}');
    // The path as given, not only its basename.
    const esc = bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    await expect(startServe(['--snapshot', bad])).rejects.toThrow(
      new RegExp(`exited \\(1\\): sockeye: ${esc}: wrong schema version: "sockeye\\.snapshot\\/9"`),
    );
  });
});
