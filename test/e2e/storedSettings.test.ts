/**
 * Stored settings read back through their schemas (src/renderer/src/state/settings.ts) in a real
 * browser: what the page saved comes back after a reload, and entries that are corrupt or out of
 * range give the defaults instead of breaking the page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startServe, type Serve } from '../support/serve';

let serve: Serve;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  serve = await startServe();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(serve.url);
  await page.getByRole('tab', { name: 'Ports' }).waitFor();
  // The first snapshot is in (views render once it is): on a busy machine, well past 30 s.
  await page.getByRole('grid').first().waitFor({ timeout: 90_000 });
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

const stored = () =>
  page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));

describe('stored settings', () => {
  it('live refresh, its interval and a grid sort come back after a reload', async () => {
    await page.getByRole('switch', { name: 'Live refresh' }).uncheck();
    await page.getByRole('combobox', { name: 'Refresh interval' }).click();
    await page.getByRole('option', { name: 'every 5 s' }).click();
    await page.getByRole('tab', { name: 'Ports' }).click();
    const grid = page.getByRole('grid', { name: 'Ports' });
    await grid.getByRole('columnheader', { name: 'Service' }).click();
    await expect.poll(async () => (await stored())['sockeye.sort.ports']).toBe('[{"field":"service","sort":"asc"}]');
    expect(await stored()).toMatchObject({ 'sockeye.live': 'off', 'sockeye.interval': '5000' });

    await page.reload();
    await page.getByRole('grid', { name: 'Ports' }).waitFor({ timeout: 90_000 });
    expect(await page.getByRole('switch', { name: 'Live refresh' }).isChecked()).toBe(false);
    await expect(page.getByRole('combobox', { name: 'Refresh interval' }).innerText()).resolves.toBe('every 5 s');
    await expect
      .poll(() =>
        page
          .getByRole('grid', { name: 'Ports' })
          .locator('[role="columnheader"][data-field="service"]')
          .getAttribute('aria-sort'),
      )
      .toBe('ascending');
  });

  it('corrupt or out-of-range entries give the defaults, and the page works', async () => {
    await page.evaluate(() => {
      localStorage.setItem('sockeye.live', 'on');
      // Below the 250 ms the server accepts: read as it was, live refresh was refused with an error.
      localStorage.setItem('sockeye.interval', '100');
      localStorage.setItem('sockeye.sort.ports', '[{"field":"port"');
      localStorage.setItem('sockeye.filter.history', '{"not":"a list"}');
      localStorage.setItem('sockeye.dns.settings', '{"auto":"yes","server":42,"timeoutMs":5}');
    });
    await page.reload();
    const grid = page.getByRole('grid', { name: 'Ports' });
    await grid.locator('[role="row"][data-id]').first().waitFor();
    expect(await page.getByRole('switch', { name: 'Live refresh' }).isChecked()).toBe(true);
    await expect(page.getByRole('combobox', { name: 'Refresh interval' }).innerText()).resolves.toBe('every 1 s');
    // The default sort (by port), no filter history, and no error from live refresh.
    await expect
      .poll(() => grid.locator('[role="columnheader"][data-field="port"]').getAttribute('aria-sort'))
      .toBe('ascending');
    expect(await page.getByRole('button', { name: 'Filter history' }).isDisabled()).toBe(true);
    await page.waitForTimeout(2500); // two refreshes at the default interval
    expect(
      await page
        .getByRole('alert')
        .filter({ hasText: /showing the last snapshot|Could not/ })
        .count(),
    ).toBe(0);
    // The DNS settings fell back field by field: the DNS tab's form shows the defaults.
    await page.getByRole('tab', { name: 'DNS' }).click();
    await expect(page.getByRole('textbox', { name: 'DNS server' }).inputValue()).resolves.toBe('');
    await expect(page.getByRole('textbox', { name: 'Timeout (ms)' }).inputValue()).resolves.toBe('2000');
  });
});
