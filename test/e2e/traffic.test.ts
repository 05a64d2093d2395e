/**
 * Traffic in the browser: a busy child process (streaming ~20 MB/s to its own listener over
 * loopback) and a quiet one, `sockeye serve` with live refresh, Debian's Chromium. The Traffic
 * view lists the busy process first while it transfers; the grids show traffic columns, with
 * "unknown" (and why) for UDP instead of 0.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../support/chromium';
import { startServe, type Serve } from '../support/serve';
import { startCommandChild, type CommandChild } from '../support/commandChild';

let busy: CommandChild;
let quiet: CommandChild;
let serve: Serve;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  busy = await startCommandChild('trafficPeer.mjs');
  quiet = await startCommandChild('trafficPeer.mjs');
  for (const [child, rate] of [
    [busy, 20_000_000],
    [quiet, 50_000],
  ] as const) {
    const { port } = await child.send('listen');
    await child.send(`stream ${port} ${rate}`);
  }
  await quiet.send('udp');
  serve = await startServe();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(serve.url);
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await Promise.all([busy?.stop(), quiet?.stop()]);
});

describe('traffic in the UI', () => {
  it('the Traffic view lists the busy child process first, with its rate', async () => {
    await page.getByRole('tab', { name: 'Traffic' }).click();
    const table = page.getByRole('table', { name: 'Top processes' });
    const first = table.locator('tbody tr').first();
    // Rates need two live samples; then the busy child (both ends of ~20 MB/s) leads.
    await expect
      .poll(async () => first.getAttribute('data-pid'), { timeout: 20_000, interval: 250 })
      .toBe(String(busy.pid));
    await expect.poll(async () => first.textContent(), { timeout: 20_000, interval: 250 }).toMatch(/[0-9.]+ MB\/s/);
    await expect(first.getAttribute('data-pid')).resolves.toBe(String(busy.pid));
    await expect(table.locator(`tr[data-pid="${quiet.pid}"]`).count()).resolves.toBe(1);
    // The stacked chart draws once a few points are in.
    await page.getByLabel('Traffic over time by process').first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1500);
    await page.screenshot({ path: screenshotPath('traffic') });
  });

  it('Connections show rates and totals, and UDP as unknown with the reason', async () => {
    await page.getByRole('tab', { name: 'Connections' }).click();
    const grid = page.getByRole('grid', { name: 'Connections' });
    await grid.getByRole('columnheader', { name: 'Send/s' }).waitFor();
    // Only the quiet child's sockets: its UDP one and its streaming TCP pair.
    const filter = page.getByRole('textbox', { name: 'Filter' });
    await filter.fill(`pid:${quiet.pid}`);
    await filter.press('Enter');
    const tcp = grid.getByRole('row').filter({ hasText: 'ESTABLISHED' });
    await expect.poll(async () => tcp.first().textContent(), { timeout: 15_000 }).toMatch(/kB\/s/);
    const udp = grid.getByRole('row').filter({ hasText: 'UNCONN' });
    await udp.first().waitFor();
    await expect(
      udp
        .first()
        .getByLabel(/unknown: the kernel keeps no byte counters for UDP/)
        .count(),
    ).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('connections-traffic') });
    await filter.fill('');
    await filter.press('Enter');
  });

  it('Processes carry traffic columns; the process story lists per-connection traffic', async () => {
    await page.getByRole('tab', { name: 'Processes' }).click();
    const grid = page.getByRole('grid', { name: 'Processes' });
    await grid.getByRole('columnheader', { name: 'Send/s' }).waitFor();
    const row = grid.getByRole('row').filter({ hasText: String(busy.pid) });
    await expect.poll(async () => row.first().textContent(), { timeout: 10_000 }).toMatch(/MB\/s/);
    // Its sparkline of the last minute (MUI X Charts draws an svg).
    await row.first().locator('[data-field="trend"] svg').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: screenshotPath('processes-traffic') });
    await row.first().getByRole('gridcell').nth(1).click();
    const story = page.getByRole('region', { name: /^Process / });
    await expect(story.getByLabel('Traffic of this process').textContent()).resolves.toMatch(/sent .*B/);
    await expect(story.getByRole('table', { name: 'Sockets of this process' }).textContent()).resolves.toMatch(/MB\/s/);
    await page.keyboard.press('Escape');
  });

  it('Addresses show each interface’s throughput', async () => {
    await page.getByRole('tab', { name: 'Addresses' }).click();
    await expect(page.getByLabel('Throughput of lo').first().textContent()).resolves.toMatch(/sending .*B\/s/);
    await page.screenshot({ path: screenshotPath('addresses-traffic') });
  });
});
