/**
 * Namespaces in the UI (issue 16): a real `ip netns` namespace with a server inside and a host
 * client connected to it over a veth, `sockeye serve`, Debian's Chromium. The Processes view's
 * Container / netns column names the server's namespace, and the Map draws it as a box. Root only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../support/chromium';
import { startServe, type Serve } from '../support/serve';
import { createTestNamespace, firstLine, netnsUsable, type TestNamespace } from '../support/netns';

const unusable = netnsUsable();
if (unusable) console.warn(`namespaces.test.ts skipped: ${unusable}`);

describe.skipIf(unusable !== null)('namespaces in the browser (real ip netns, as root)', () => {
  let ns: TestNamespace;
  let server: { pid: number; port: number };
  let client: ChildProcess;
  let serve: Serve;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ns = createTestNamespace();
    server = (await ns.run('holdPort.mjs', [ns.nsAddress, '0'])).first as { pid: number; port: number };
    client = spawn(
      process.execPath,
      [resolve(__dirname, '../fixtures/connectTo.mjs'), ns.nsAddress, String(server.port)],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    await firstLine(client, 'connectTo.mjs');
    serve = await startServe();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(serve.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    client?.kill('SIGKILL');
    ns?.remove();
  });

  it('Processes: the server’s row names its namespace in the Container / netns column', async () => {
    await page.getByRole('tab', { name: 'Processes' }).click();
    const grid = page.getByRole('grid', { name: 'Processes' });
    await grid.getByRole('columnheader', { name: 'Container / netns' }).waitFor();
    const row = grid.getByRole('row').filter({ hasText: String(server.pid) });
    await row.waitFor();
    await expect(row.getByText(`netns ${ns.name}`, { exact: true }).count()).resolves.toBe(1);
    await page.screenshot({ path: screenshotPath('processes-netns') });
  });

  it('Map: the namespace is a labelled box', async () => {
    await page.getByRole('tab', { name: 'Map' }).click();
    const box = page.getByRole('group', { name: new RegExp(`^netns ${ns.name}:`) });
    await box.waitFor({ timeout: 30_000 });
    await expect(box.getByText(`netns ${ns.name}`).count()).resolves.toBe(1);
    await page.screenshot({ path: screenshotPath('map-netns') });
  });
});
