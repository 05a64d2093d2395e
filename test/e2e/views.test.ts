/**
 * The UI end to end: real child processes with a known topology, `sockeye serve`, and Debian's
 * Chromium. Screenshots of each view are kept in test-results/screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../support/chromium';
import { startServe, type Serve } from '../support/serve';
import { startTopology, type Topology } from '../support/topology';

let topo: Topology;
let serve: Serve;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  topo = await startTopology();
  serve = await startServe();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(serve.url);
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await topo?.stop();
});

describe('the Sockeye window in a browser', () => {
  it('has the four named tabs and drops the one-time code from the address bar', async () => {
    for (const name of ['Processes', 'Ports', 'Connections', 'Addresses']) {
      await expect(page.getByRole('tab', { name }).count()).resolves.toBe(1);
    }
    expect(page.url()).not.toContain('code=');
  });

  it('Processes: the api is both client and server, with the Both chip', async () => {
    await page.getByRole('tab', { name: 'Processes' }).click();
    const grid = page.getByRole('grid', { name: 'Processes' });
    const row = grid.getByRole('row').filter({ hasText: String(topo.api.pid) });
    await row.waitFor();
    await expect(row.getByText('Both', { exact: true }).count()).resolves.toBe(1);
    await expect(
      grid
        .getByRole('row')
        .filter({ hasText: String(topo.server.pid) })
        .getByText('Server', { exact: true })
        .count(),
    ).resolves.toBe(1);
    await expect(
      grid
        .getByRole('row')
        .filter({ hasText: String(topo.client.pid) })
        .getByText('Client', { exact: true })
        .count(),
    ).resolves.toBe(1);
    await page.screenshot({ path: screenshotPath('processes') });
  });

  it('Processes: clicking the api opens its sockets', async () => {
    await page
      .getByRole('grid', { name: 'Processes' })
      .getByRole('row')
      .filter({ hasText: String(topo.api.pid) })
      .click();
    const details = page.getByRole('region', { name: /^Process node/ });
    await details.waitFor();
    await expect(
      details.getByRole('table', { name: 'Sockets of this process' }).getByText('LISTEN').count(),
    ).resolves.toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Close process details' }).click();
  });

  it('Ports: lists the test listener with its port, scope, exposure and process', async () => {
    await page.getByRole('tab', { name: 'Ports' }).click();
    const row = page
      .getByRole('grid', { name: 'Ports' })
      .getByRole('row')
      .filter({ hasText: String(topo.server.tcpPort) })
      .filter({ hasText: 'tcp' });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('127.0.0.1');
    expect(text).toContain('loopback');
    expect(text).toContain('this machine only');
    expect(text).toContain(`(${topo.server.pid})`);
    const udp = page
      .getByRole('grid', { name: 'Ports' })
      .getByRole('row')
      .filter({ hasText: String(topo.server.udpPort) });
    await expect(udp.count()).resolves.toBe(1);
    await page.screenshot({ path: screenshotPath('ports') });
  });

  it('Connections: shows the client → api connections with side and process', async () => {
    await page.getByRole('tab', { name: 'Connections' }).click();
    const grid = page.getByRole('grid', { name: 'Connections' });
    await grid.waitFor();
    // This host may hold thousands of other sockets (other tests, benchmarks): narrow the grid
    // with the filter language as a user would, rather than scrolling a virtualized grid.
    await page.getByRole('textbox', { name: 'Filter' }).fill(`lport:${topo.api.port}`);
    const row = grid
      .getByRole('row')
      .filter({ hasText: `[::1]:${topo.api.port}` })
      .filter({ hasText: 'server' });
    await row.first().waitFor();
    expect(await row.first().innerText()).toContain(`(${topo.api.pid})`);
    await page.screenshot({ path: screenshotPath('connections') });
  });

  it('Addresses: 127.0.0.1 is loopback, explained', async () => {
    await page.getByRole('tab', { name: 'Addresses' }).click();
    const row = page
      .getByRole('table', { name: 'Addresses of lo' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: '127.0.0.1', exact: true }) });
    await row.waitFor();
    const text = await row.innerText();
    expect(text).toContain('loopback');
    expect(text).toContain('this machine talking to itself');
    await page.screenshot({ path: screenshotPath('addresses') });
  });

  it('keeps the chosen tab across a reload', async () => {
    await page.reload();
    await expect(page.getByRole('tab', { name: 'Addresses' }).getAttribute('aria-selected')).resolves.toBe('true');
  });
});
