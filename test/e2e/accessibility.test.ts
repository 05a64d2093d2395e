/**
 * Accessibility, measured: axe-core (an npm devDependency, injected into the page) on every tab
 * of `sockeye serve` in Debian's Chromium, in the light and the dark colour scheme. No serious or
 * critical violation may remain; what axe found is printed when it fails.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium';
import { startServe, type Serve } from '../support/serve';
import { startTopology, type Topology } from '../support/topology';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TABS = ['Processes', 'Ports', 'Connections', 'Unix', 'Addresses', 'DNS', 'Map', 'Compare'];

let topo: Topology;
let serve: Serve;
let browser: Browser;

beforeAll(async () => {
  topo = await startTopology();
  serve = await startServe();
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await topo?.stop();
});

interface Found {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

async function axe(page: Page): Promise<Found[]> {
  // The page's CSP allows no inline script: evaluate runs axe from the test instead.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run(
          ctx: Document,
          o: object,
        ): Promise<{
          violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
        }>;
      };
    };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

describe.each(['light', 'dark'] as const)('axe-core, %s colour scheme', (scheme) => {
  let page: Page;
  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: scheme });
    page = await context.newPage();
    // A link's one-time code works once: the first scheme takes the first link, the next a fresh one.
    await page.goto(scheme === 'light' ? serve.url : await serve.freshUrl());
    await page.getByRole('grid').first().waitFor({ timeout: 90_000 });
  }, 120_000);

  it.each(TABS)(
    '%s: no serious or critical violation',
    async (tab) => {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await page.waitForTimeout(tab === 'Map' ? 3000 : 800);
      const found = await axe(page);
      const bad = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      // AXE_LOG=FILE collects what was found, one line per tab, for working through it.
      if (process.env.AXE_LOG) appendFileSync(process.env.AXE_LOG, `${scheme} ${tab} ${JSON.stringify(bad)}\n`);
      expect(bad, JSON.stringify(bad, null, 1)).toEqual([]);
      // One main landmark holds the views (axe rates its absence moderate; it was missing).
      await expect(page.locator('main').count()).resolves.toBe(1);
    },
    60_000,
  );
});
