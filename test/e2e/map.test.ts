/// <reference lib="dom" />
/**
 * The Map tab and a process's story end to end: the known topology of real child processes
 * (client → api → server, client → server; the api is both), `sockeye serve`, Debian's Chromium.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../support/chromium';
import { startServe, type Serve } from '../support/serve';
import { startTopology, type Topology } from '../support/topology';

let topo: Topology;
let serve: Serve;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const cspErrors: string[] = [];

beforeAll(async () => {
  topo = await startTopology();
  serve = await startServe();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.origin });
  page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto(`${serve.url}#map`);
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await topo?.stop();
});

const nodeOf = (pid: number) => page.locator(`.react-flow__node[data-id="proc:${pid}"]`);
const edgeBetween = (from: number, to: number) => page.locator(`.map-edge[data-id="proc:${from}->proc:${to}"]`);

/** The process's own node; if the map grouped or folded it (a busy machine), expand that first. */
async function showProcess(pid: number): Promise<Locator> {
  const own = nodeOf(pid);
  const holder = page.locator(`.react-flow__node[data-pids~="${pid}"]`);
  await holder.first().waitFor();
  if ((await own.count()) === 0) {
    const kind = await holder.first().getAttribute('data-kind');
    if (kind === 'group')
      await holder
        .first()
        .getByRole('button', { name: /^Expand group/ })
        .click();
    else if (kind === 'more')
      await holder.first().getByRole('button', { name: 'Show every process on the map' }).click();
    await own.waitFor();
  }
  return own;
}

async function mapReady(): Promise<void> {
  await page.waitForSelector('[aria-label="Map of who talks to whom"][data-layout-state="ready"]', { timeout: 60_000 });
}

describe('the Map tab', () => {
  it('is a named tab with a labelled map region, laid out by ELK in a worker under the CSP', async () => {
    await expect(page.getByRole('tab', { name: 'Map' }).getAttribute('aria-selected')).resolves.toBe('true');
    await page.getByRole('region', { name: 'Map of who talks to whom' }).waitFor();
    await mapReady();
    await expect(
      page.getByRole('region', { name: 'Map of who talks to whom' }).getAttribute('data-layout-thread'),
    ).resolves.toBe('worker');
    await expect(page.getByRole('region', { name: 'Map legend' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Fit View' }).count()).resolves.toBe(1);
    expect(cspErrors).toEqual([]);
  });

  it('the served page allows a same-origin worker and nothing looser', async () => {
    const res = await fetch(serve.url);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("worker-src 'self'");
    expect(csp).not.toMatch(/blob:|unsafe-eval/);
  });

  it('draws client → api → server with roles, ports and counts on the right edges', async () => {
    const client = await showProcess(topo.client.pid);
    const api = await showProcess(topo.api.pid);
    const server = await showProcess(topo.server.pid);
    await mapReady();
    expect(await client.getAttribute('aria-label')).toMatch(new RegExp(`\\(pid ${topo.client.pid}\\), client$`));
    expect(await api.getAttribute('aria-label')).toMatch(
      new RegExp(`\\(pid ${topo.api.pid}\\), both, exposed \\(all interfaces\\)$`),
    );
    expect(await server.getAttribute('aria-label')).toMatch(new RegExp(`\\(pid ${topo.server.pid}\\), server$`));
    await expect(api.getByText('Both', { exact: true }).count()).resolves.toBe(1);
    await expect(api.getByText('Exposed').count()).resolves.toBe(1);

    const clientToApi = edgeBetween(topo.client.pid, topo.api.pid);
    await clientToApi.waitFor();
    expect(await clientToApi.getAttribute('aria-label')).toContain(`${topo.api.port}/tcp`);
    expect(await clientToApi.getAttribute('aria-label')).toMatch(/2 connections$/);
    await expect(clientToApi.locator('.map-edge-label').textContent()).resolves.toContain(`${topo.api.port}/tcp`);
    const apiToServer = edgeBetween(topo.api.pid, topo.server.pid);
    expect(await apiToServer.getAttribute('aria-label')).toMatch(
      new RegExp(`${topo.server.tcpPort}/tcp.*1 connection$`),
    );
    await expect(edgeBetween(topo.client.pid, topo.server.pid).count()).resolves.toBe(1);
    // Arrows go from client to server only.
    await expect(edgeBetween(topo.api.pid, topo.client.pid).count()).resolves.toBe(0);
    await expect(edgeBetween(topo.server.pid, topo.api.pid).count()).resolves.toBe(0);

    // Layered left to right: the client, then the api, then the server.
    await page.getByRole('button', { name: 'Fit View' }).click();
    const x = async (l: Locator) => (await l.boundingBox())!.x;
    expect(await x(client)).toBeLessThan(await x(api));
    expect(await x(api)).toBeLessThan(await x(server));
    await page.screenshot({ path: screenshotPath('map') });
  });

  it('clicking the api opens its story: the client under Serves, the server under Uses', async () => {
    await nodeOf(topo.api.pid).click();
    const story = page.getByRole('region', { name: /^Process node/ });
    await story.waitFor();
    const about = story.getByRole('table', { name: 'About this process' });
    expect(await about.getByRole('row', { name: /^PID / }).innerText()).toContain(String(topo.api.pid));
    expect(await about.getByRole('row', { name: /^Command line / }).innerText()).toContain('topology.mjs api');
    expect(await about.getByRole('row', { name: /^Parent / }).innerText()).toContain(`pid ${process.pid}`);

    const serves = story.getByRole('table', { name: 'Serves' });
    const fromClient = serves.getByRole('row').filter({ hasText: `(pid ${topo.client.pid})` });
    await expect(fromClient.count()).resolves.toBe(1);
    expect(await fromClient.innerText()).toContain(String(topo.api.port));
    expect(await fromClient.innerText()).toMatch(/\b2\b/);
    const uses = story.getByRole('table', { name: 'Uses' });
    const toServer = uses.getByRole('row').filter({ hasText: `(pid ${topo.server.pid})` });
    await expect(toServer.count()).resolves.toBe(1);
    expect(await toServer.innerText()).toContain(`${topo.server.tcpPort}/tcp`);
    await page.screenshot({ path: screenshotPath('map-story') });
  });

  it('copy buttons put the value on the clipboard', async () => {
    const story = page.getByRole('region', { name: /^Process node/ });
    await story.getByRole('button', { name: 'Copy pid' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(String(topo.api.pid));
    await story.getByRole('button', { name: `Copy port ${topo.api.port}` }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(String(topo.api.port));
  });

  it('a peer in the story opens its own story', async () => {
    const story = page.getByRole('region', { name: /^Process node/ });
    await story
      .getByRole('table', { name: 'Uses' })
      .getByRole('button', { name: new RegExp(`^Open .*\\(pid ${topo.server.pid}\\)$`) })
      .click();
    const serverStory = page.getByRole('region', { name: /^Process node/ });
    await expect
      .poll(async () =>
        serverStory.getByRole('table', { name: 'About this process' }).getByRole('row', { name: /^PID / }).innerText(),
      )
      .toContain(String(topo.server.pid));
    await page.getByRole('button', { name: 'Close process details' }).click();
  });

  it('the Processes view opens the same story from a row', async () => {
    await page.keyboard.press('Escape'); // whatever drawer an earlier step left open
    await page.getByRole('tab', { name: 'Processes' }).click();
    await page
      .getByRole('grid', { name: 'Processes' })
      .getByRole('row')
      .filter({ hasText: String(topo.api.pid) })
      .click();
    const story = page.getByRole('region', { name: /^Process node/ });
    await story.waitFor();
    await expect(
      story
        .getByRole('table', { name: 'Serves' })
        .getByRole('row')
        .filter({ hasText: `(pid ${topo.client.pid})` })
        .count(),
    ).resolves.toBe(1);
    await expect(
      story
        .getByRole('table', { name: 'Uses' })
        .getByRole('row')
        .filter({ hasText: `(pid ${topo.server.pid})` })
        .count(),
    ).resolves.toBe(1);
    await page.getByRole('button', { name: 'Close process details' }).click();
  });

  it('follows the filter: only the processes it keeps, and the edges between them', async () => {
    await page.getByRole('tab', { name: 'Map' }).click();
    const box = page.getByRole('textbox', { name: 'Filter' });
    await box.fill(`pid:${topo.client.pid},${topo.api.pid}`);
    await box.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node').count(), { timeout: 30_000 }).toBe(2);
    await mapReady();
    await expect(nodeOf(topo.client.pid).count()).resolves.toBe(1);
    await expect(nodeOf(topo.api.pid).count()).resolves.toBe(1);
    await expect(nodeOf(topo.server.pid).count()).resolves.toBe(0);
    await expect(edgeBetween(topo.client.pid, topo.api.pid).count()).resolves.toBe(1);
    await page.screenshot({ path: screenshotPath('map-filtered') });
    await page.getByRole('button', { name: 'Clear filter' }).click();
    await expect.poll(() => nodeOf(topo.server.pid).count(), { timeout: 30_000 }).toBe(1);
  });

  it('lays out on the main thread when the worker cannot start', async () => {
    const other = await context.newPage();
    try {
      // As when a policy or a file:// page refuses the worker script.
      await other.route('**/elk-worker*.js', (route) => route.fulfill({ status: 404, body: '' }));
      // A second tab needs a link of its own: the first one's code is spent.
      await other.goto(`${await serve.freshUrl()}#map`);
      const region = other.getByRole('region', { name: 'Map of who talks to whom' });
      await other.waitForSelector('[aria-label="Map of who talks to whom"][data-layout-state="ready"]', {
        timeout: 60_000,
      });
      await expect(region.getAttribute('data-layout-thread')).resolves.toBe('main thread');
      await other.locator(`.react-flow__node[data-pids~="${topo.api.pid}"]`).first().waitFor();
    } finally {
      await other.close();
    }
  });
});
