/**
 * History in the browser against the real `sockeye serve --record`: the timeline goes back to a
 * moment when a listener that is gone now was there, and the Ports view shows it; a child that
 * starts a listener on 0.0.0.0 raises an alert with a badge, and the alert opens the process.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/common/history/historyEvents';
import { launchChromium } from '../support/chromium';
import { startServe, type Serve } from '../support/serve';
import { startLineChild } from '../support/lineChild';
import { runCli } from '../support/runCli';
import { waitFor } from '../support/recorder';

const dir = mkdtempSync(join(tmpdir(), 'sockeye-e2e-history-'));
const db = join(dir, 'history.db');
let browser: Browser;
let serve: Serve;
const stops: (() => Promise<unknown>)[] = [];
beforeAll(async () => {
  browser = await launchChromium();
  serve = await startServe(['--record', '--db', db, '--record-every', '0.5']);
  // Children start once the history has a base: what is there at the first tick is no event.
  await waitFor(async () => {
    const r = await runCli(['history', '--info', '--json', '--db', db]);
    return r.code === 0 && (JSON.parse(r.stdout) as { ticks: number }).ticks >= 2;
  }, 'two recorded ticks');
});
afterAll(async () => {
  for (const s of stops.reverse()) await s();
  await serve?.stop();
  await browser?.close();
});

let lastFailure = '';
async function events(filter: string): Promise<HistoryEvent[]> {
  const r = await runCli(['history', filter, '--json', '--db', db]);
  lastFailure = `code ${r.code} ${r.stderr} lines ${r.stdout.split('\n').length} / serve: ${serve.stderr()}`;
  return r.code !== 0
    ? []
    : r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as HistoryEvent);
}

let firstUsed = false;
async function open(hash: string, filter?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  // serve's first link for the first page, then each fresh one it prints (a code works once).
  const url = firstUsed ? await serve.freshUrl() : serve.url;
  firstUsed = true;
  await page.goto(`${url}${filter ? `&filter=${encodeURIComponent(filter)}` : ''}#${hash}`);
  await page.getByRole('region', { name: 'Timeline' }).waitFor();
  return page;
}

describe('timeline and alerts in sockeye serve --record', () => {
  it('the timeline moves to a past moment: a listener gone now shows in the Ports view, with the banner', async () => {
    const child = await startLineChild('holdPort.mjs', ['127.0.0.1', '0']);
    stops.push(() => child.stop());
    const port = Number(child.first.port);
    await waitFor(
      async () => (await events(`port:${port}`)).some((e) => e.kind === 'listen-start'),
      'listen-start',
    ).catch(async (err: Error) => {
      const info = await runCli(['history', '--info', '--db', db]);
      const all = await runCli(['history', '--db', db]);
      throw new Error(`${err.message}: ${lastFailure} ${info.stdout} ${all.stdout.slice(-2000)}`);
    });
    await child.stop();
    await waitFor(async () => (await events(`port:${port}`)).some((e) => e.kind === 'listen-stop'), 'listen-stop');
    const start = (await events(`port:${port}`)).find((e) => e.kind === 'listen-start')!;

    const page = await open('ports', `lport:${port}`);
    const rows = page
      .getByRole('grid', { name: 'Ports' })
      .getByRole('row')
      .filter({ hasText: String(port) });
    await expect.poll(() => rows.count()).toBe(0);
    const goTo = page.getByRole('textbox', { name: 'Go to time' });
    await goTo.fill(start.time);
    await goTo.press('Enter');
    await page.getByRole('status', { name: 'Recorded moment' }).waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    // Compare with now: the Compare tab opens between that moment and now, naming the closed listener.
    await page.getByRole('button', { name: 'Compare with now' }).click();
    await page.getByRole('region', { name: 'Compare snapshots' }).waitFor();
    const compare = page.getByRole('region', { name: 'Compare snapshots' });
    await expect.poll(() => compare.innerText(), { timeout: 90_000 }).toContain('Snapshot taken now');
    await expect.poll(() => compare.innerText(), { timeout: 30_000 }).toContain(`:${port}`);
    // Two recorded moments: Later becomes the moment the listener stopped; the closed listener stays named.
    const stop = (await events(`port:${port}`)).find((e) => e.kind === 'listen-stop')!;
    const later = page.getByRole('textbox', { name: 'Later recorded moment' });
    await later.fill(stop.time);
    await later.press('Enter');
    const laterSide = page.getByRole('region', { name: 'Later snapshot' });
    await expect.poll(() => laterSide.innerText(), { timeout: 30_000 }).toContain('Recorded moment');
    await expect.poll(() => compare.innerText(), { timeout: 30_000 }).toContain(`:${port}`);
    await page.close();
  });

  it('a child starting an exposed listener (0.0.0.0) raises an alert with a badge; the alert opens the process', async () => {
    const page = await open('processes');
    const child = await startLineChild('holdPort.mjs', ['0.0.0.0', '0']);
    stops.push(() => child.stop());
    const port = Number(child.first.port);
    const tab = page.getByRole('tab', { name: /^Alerts, \d+ new/ });
    await tab.waitFor({ timeout: 20_000 });
    await tab.click();
    const item = page
      .getByRole('list', { name: 'Alert list' })
      .getByRole('button')
      .filter({ hasText: `:${port}` });
    await item.waitFor();
    expect(await item.innerText()).toMatch(/New listener: tcp 0\.0\.0\.0:\d+ · node/);
    expect(await item.innerText()).toContain('rule is:exposed');
    await item.click();
    await page.getByRole('region', { name: /^Process node/ }).waitFor();
    await page.getByRole('region', { name: 'Process history' }).waitFor();
    await page.close();
  });
});

describe('a history file that is not ours', () => {
  it('the page says so in one line and works; the file is never written', async () => {
    const bad = join(dir, 'random.db');
    const bytes = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256));
    writeFileSync(bad, bytes);
    const other = await startServe(['--record', '--db', bad]);
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${other.url}#ports`);
      const alerts = page.getByRole('alert').filter({ hasText: 'History:' });
      await alerts.first().waitFor();
      expect(await alerts.count()).toBe(1);
      expect(await alerts.innerText()).toMatch(/is not a Sockeye history database .*left untouched/);
      await page.getByRole('grid', { name: 'Ports' }).waitFor();
      await page.close();
    } finally {
      await other.stop();
    }
    expect(readFileSync(bad).equals(bytes)).toBe(true);
  });
});
