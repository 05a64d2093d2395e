/**
 * What a new user trips on in the UI, in Debian's Chromium against `sockeye serve --snapshot`
 * (a real snapshot of this machine, saved first): the right-click menu takes focus, moves with
 * the arrow keys and closes on Escape; Live and Refresh are off with a reason; "Both" is not red.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { runCli } from '../support/runCli';
import { startServe, type Serve } from '../support/serve';
import { startTopology, type Topology } from '../support/topology';

let topo: Topology;
let serve: Serve;
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  topo = await startTopology();
  dir = mkdtempSync(join(tmpdir(), 'sockeye-newcomer-'));
  const file = join(dir, 'saved.json');
  const r = await runCli(['snapshot', '--json', '-o', file]);
  if (r.code !== 0) throw new Error(r.stderr);
  serve = await startServe(['--snapshot', file]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(serve.url);
  await page.getByRole('grid').first().waitFor({ timeout: 90_000 });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await topo?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const focused = () =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { role: el?.getAttribute('role') ?? null, text: el?.textContent ?? '', field: el?.dataset.field ?? null };
  });

describe('the UI for a newcomer', () => {
  it('right-click menu: takes focus, arrow keys move in it, Escape closes it and gives focus back', async () => {
    await page.getByRole('tab', { name: 'Ports' }).click();
    const cell = page
      .getByRole('grid', { name: 'Ports' })
      .locator('[role="row"][data-id]')
      .filter({ hasText: String(topo.server.tcpPort) })
      .first()
      .locator('[data-field="port"]');
    await cell.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Filter to this' });
    await menu.waitFor();
    await expect.poll(async () => (await focused()).role).toBe('menuitem');
    expect((await focused()).text).toMatch(/^Filter to port/);
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await focused()).text).toMatch(/^Exclude port/);
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => (await focused()).text).toMatch(/^Filter to port/);
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    await expect.poll(async () => (await focused()).field).toBe('port');
  });

  it('served with --snapshot, Live, the interval and Refresh are disabled and say why', async () => {
    await expect(page.getByLabel('Live refresh').isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Refresh' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Refresh' }).locator('..').hover();
    await expect(page.getByRole('tooltip').innerText()).resolves.toMatch(/saved snapshot .*no live view/);
  });

  it('leaves no blank band under the grids: each grid reaches the bottom of its tab panel', async () => {
    for (const tab of ['Processes', 'Ports', 'Connections', 'Unix']) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      const grid = page.getByRole('grid', { name: tab === 'Unix' ? 'Unix sockets' : tab });
      await grid.waitFor();
      const gap = await page.evaluate(() => {
        const panel = document.querySelector('[role="tabpanel"]')!.getBoundingClientRect();
        const root = document.querySelector('[role="tabpanel"] .MuiDataGrid-root')!.getBoundingClientRect();
        const rows = document.querySelector('[role="tabpanel"] .MuiDataGrid-main')!.getBoundingClientRect();
        return { outside: panel.bottom - root.bottom, inside: root.bottom - rows.bottom };
      });
      // The grid fills the panel, and its rows' area fills the grid (no empty footer under it).
      expect(gap.outside, tab).toBeLessThanOrEqual(2);
      expect(gap.inside, tab).toBeLessThanOrEqual(2);
    }
  });

  it('"Both" is not drawn in red', async () => {
    await page.getByRole('tab', { name: 'Processes' }).click();
    const chip = page.locator('[data-role="both"]').first();
    await chip.waitFor();
    const rgb = await chip.evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number) as [number, number, number];
    // Red: the red channel far above both others.
    expect(r > 1.6 * g && r > 1.6 * b).toBe(false);
  });
});
