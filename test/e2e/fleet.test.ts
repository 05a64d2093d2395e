/**
 * The Fleet page in a real browser (issue 16 §3): Chromium against `sockeye serve`, two saved
 * snapshot files and a missing one typed as sources. The server reads them; the page shows both
 * hosts, the error of the third, and the cross-host edge between the two, confirmed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../support/chromium';
import { startServe, type Serve } from '../support/serve';
import { FleetWorld } from '../support/fleetWorld';

const dir = mkdtempSync(join(tmpdir(), 'sockeye-e2e-fleet-'));
let serve: Serve;
let browser: Browser;
let page: Page;

const world = new FleetWorld()
  .host('web-1', '198.18.50.1')
  .host('api-1', '198.18.50.2')
  .process('web-1', 11, 'nginx · worker')
  .process('api-1', 21, 'node · api')
  .listen('web-1', 11, 443)
  .listen('api-1', 21, 8080)
  .connect('web-1', 11, 'api-1', 8080, { serverPid: 21 })
  .connect('web-1', 11, 'api-1', 8080, { serverPid: 21 })
  .connect('web-1', 11, null, 443, { dialed: '203.0.113.80' });

beforeAll(async () => {
  for (const name of ['web-1', 'api-1']) writeFileSync(join(dir, `${name}.json`), JSON.stringify(world.snapshot(name)));
  serve = await startServe();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(90_000);
  await page.goto(`${serve.url}#fleet`);
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the Fleet page', () => {
  it('reads the sources typed, shows hosts, the failed one and the cross-host edge', async () => {
    await page.getByRole('tab', { name: 'Fleet' }).click();
    const box = page.getByRole('textbox', { name: 'Sources (one per line)' });
    await box.fill(
      [join(dir, 'web-1.json'), join(dir, 'api-1.json'), '# not there:', join(dir, 'gone.json')].join('\n'),
    );
    await page.getByRole('button', { name: 'Read fleet' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'hosts,' }).textContent())
      .toMatch(/3 hosts, 2 answered · 1 cross-host edges · 1 to endpoints outside the fleet/);
    const hosts = page.getByRole('grid', { name: 'Fleet hosts' });
    await hosts.getByRole('row').filter({ hasText: 'web-1' }).waitFor();
    expect(await hosts.getByRole('row').filter({ hasText: 'api-1' }).textContent()).toContain('node · api:8080');
    const alert = page.getByRole('alert', { name: 'Hosts not read' });
    expect(await alert.textContent()).toContain(`${join(dir, 'gone.json')}: no such file`);
    const edges = page.getByRole('grid', { name: 'Cross-host edges' });
    const edge = edges.getByRole('row').filter({ hasText: 'web-1: nginx · worker (11)' }).filter({ hasText: 'api-1' });
    expect(await edge.textContent()).toMatch(/api-1: node · api \(21\).*tcp\/8080.*2.*confirmed/);
    const outside = edges.getByRole('row').filter({ hasText: '203.0.113.80:443' });
    expect(await outside.textContent()).toContain('unmatched');
    await page.screenshot({ path: screenshotPath('fleet'), fullPage: true });
    // axe-core on the filled page (as test/e2e/accessibility.test.ts does on the other tabs).
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const violations = await page.evaluate(async () => {
      const w = window as unknown as {
        axe: { run(d: Document, o: object): Promise<{ violations: { id: string; impact: string | null }[] }> };
      };
      return (await w.axe.run(document, { resultTypes: ['violations'] })).violations;
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
  });

  it('says why when a source is refused by the server side (bad URL), without a token in sight', async () => {
    const box = page.getByRole('textbox', { name: 'Sources (one per line)' });
    await box.fill(`http://127.0.0.1:1/?token=top-secret-token\n${join(dir, 'api-1.json')}`);
    await page.getByRole('button', { name: 'Read fleet' }).click();
    const alert = page.getByRole('alert', { name: 'Hosts not read' });
    await expect.poll(() => alert.textContent()).toContain('http://127.0.0.1:1/?token=***: connection refused');
    // Only the box the user typed in holds it: the alert and the grid show the source redacted.
    expect(await alert.textContent()).not.toContain('top-secret-token');
    const hosts = page.getByRole('grid', { name: 'Fleet hosts' });
    await hosts.getByRole('row').filter({ hasText: '?token=***' }).waitFor();
    expect(await hosts.textContent()).not.toContain('top-secret-token');
  });

  it('reads no list file for the page: a text file on the server never comes back line by line', async () => {
    await page.getByRole('textbox', { name: 'Sources (one per line)' }).fill('/etc/passwd');
    await page.getByRole('button', { name: 'Read fleet' }).click();
    const alert = page.getByRole('alert', { name: 'Hosts not read' });
    await expect.poll(() => alert.textContent()).toContain('/etc/passwd: not a snapshot (JSON)');
    const hosts = page.getByRole('grid', { name: 'Fleet hosts' });
    expect(await hosts.textContent()).not.toMatch(/root:|nologin/);
    expect(await alert.textContent()).not.toMatch(/root:|nologin/);
  });
});
