/**
 * The filter box and live refresh end to end: real child processes, `sockeye serve`, Debian's
 * Chromium. Types filters and reads the grids; starts a listener mid-test and watches it arrive
 * highlighted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
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
  await page.getByRole('grid').first().waitFor({ timeout: 90_000 });
});
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await topo?.stop();
});

const box = () => page.getByRole('textbox', { name: 'Filter' });
/** The UI answers within a second on an idle machine; the other test projects may be running. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 60_000, interval: 250 });
const result = () => page.getByRole('status', { name: 'Filter result' });

/** The "N of M sockets" figures under the box. */
async function counts(): Promise<{ shown: number; total: number }> {
  const text = await result().innerText();
  const m = /([\d,]+) of ([\d,]+) sockets/.exec(text);
  if (!m) throw new Error(`no "N of M" in ${JSON.stringify(text)}`);
  return { shown: Number(m[1]!.replace(/,/g, '')), total: Number(m[2]!.replace(/,/g, '')) };
}

/** Data rows of a grid (not the header row), as text. */
async function rowTexts(grid: string): Promise<string[]> {
  return page.getByRole('grid', { name: grid }).locator('[role="row"][data-id]').allInnerTexts();
}

async function openTab(name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('grid', { name }).waitFor();
}

describe('the filter box', () => {
  it('typing a filter leaves only the matching rows, and says N of M', async () => {
    await openTab('Connections');
    await box().click();
    await box().pressSequentially(`lport:${topo.api.port}`);
    // Settled when the grid holds exactly the N of "N of M", and all of them are the api's port.
    await expect
      .poll(
        async () => {
          const { shown, total } = await counts();
          const rows = await rowTexts('Connections');
          return (
            shown > 0 && shown < total && rows.length === shown && rows.every((r) => r.includes(`:${topo.api.port}`))
          );
        },
        { timeout: 60_000 },
      )
      .toBe(true);
    const rows = await rowTexts('Connections');
    // Its listener and the two connections it accepted from the client.
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.some((r) => r.includes(`(${topo.api.pid})`))).toBe(true);
    await openTab('Ports');
    // The api listens once, dual stack on [::].
    await expect.poll(() => rowTexts('Ports'), { timeout: 60_000 }).toHaveLength(1);
    expect((await rowTexts('Ports'))[0]).toContain(String(topo.api.port));
    await poll(() => page.url()).toContain(`filter=lport%3A${topo.api.port}`);
    await page.screenshot({ path: screenshotPath('filter-ports') });
  });

  it('a typo points at the place, suggests the field, and the grid keeps the last good filter', async () => {
    await box().fill(`prot:tcp lport:${topo.api.port}`);
    const alert = page.getByRole('alert');
    await poll(() => alert.innerText()).toMatch(/Column 1: unknown field `prot:` — did you mean `proto:`\?/);
    expect(await box().getAttribute('aria-invalid')).toBe('true');
    expect(await rowTexts('Ports')).toHaveLength(1);
    await page.screenshot({ path: screenshotPath('filter-error') });
    await page.getByRole('button', { name: 'Use proto:' }).click();
    await poll(() => box().inputValue()).toBe(`proto:tcp lport:${topo.api.port}`);
    await poll(() => page.getByRole('alert').count()).toBe(0);
  });

  it('says so when nothing matches', async () => {
    await box().fill('proto:udp proto:tcp');
    await poll(() => result().innerText()).toMatch(/No rows match `proto:udp proto:tcp`/);
    await poll(() => page.getByRole('grid', { name: 'Ports' }).innerText()).toContain(
      'No rows match `proto:udp proto:tcp`',
    );
  });

  it('quick chips toggle their term; role chips exclude each other', async () => {
    await box().fill('');
    await page.getByRole('button', { name: 'Listening' }).click();
    await poll(() => box().inputValue()).toBe('is:listening');
    await page.getByRole('button', { name: 'Servers' }).click();
    await poll(() => box().inputValue()).toBe('is:listening role:server');
    await page.getByRole('button', { name: 'Both' }).click();
    await poll(() => box().inputValue()).toBe('is:listening role:both');
    expect(await page.getByRole('button', { name: 'Both' }).getAttribute('aria-pressed')).toBe('true');
    // Of the topology only the api is both: its listener shows, the plain server's does not (other
    // processes on a shared machine may be both too, so the grid is not assumed to hold one row).
    await expect
      .poll(async () => (await rowTexts('Ports')).some((t) => t.includes(`(${topo.api.pid})`)), { timeout: 60_000 })
      .toBe(true);
    expect((await rowTexts('Ports')).some((t) => t.includes(`(${topo.server.pid})`))).toBe(false);
    await page.getByRole('button', { name: 'Listening' }).click();
    await poll(() => box().inputValue()).toBe('role:both');
  });

  it('"filter to this" on a port cell narrows every view', async () => {
    await box().fill('is:listening');
    const grid = page.getByRole('grid', { name: 'Ports' });
    const row = grid
      .locator('[role="row"][data-id]')
      .filter({ hasText: String(topo.server.tcpPort) })
      .filter({ hasText: 'tcp' });
    await row.first().waitFor();
    await row.first().locator('[data-field="port"]').click({ button: 'right' });
    await page.getByRole('menuitem', { name: `Filter to port ${topo.server.tcpPort}` }).click();
    await poll(() => box().inputValue()).toBe(`is:listening port:${topo.server.tcpPort}`);
    await expect.poll(() => rowTexts('Ports'), { timeout: 60_000 }).toHaveLength(1);
    await openTab('Processes');
    await expect.poll(() => rowTexts('Processes'), { timeout: 60_000 }).toHaveLength(1);
    expect((await rowTexts('Processes'))[0]).toContain(String(topo.server.pid));
  });

  it('history: ArrowUp brings back earlier filters', async () => {
    await box().fill('proto:udp');
    await box().press('Enter');
    await box().fill('');
    await box().press('ArrowUp');
    await poll(() => box().inputValue()).toBe('proto:udp');
    await page.getByRole('button', { name: 'Filter history' }).click();
    await expect(
      page.getByRole('menu', { name: 'Recent filters' }).getByRole('menuitem').count(),
    ).resolves.toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Escape');
  });

  it('the filter and the tab survive a reload', async () => {
    await box().fill(`pid:${topo.server.pid}`);
    await openTab('Ports');
    await poll(() => page.url()).toContain(`filter=pid%3A${topo.server.pid}`);
    await page.reload();
    await poll(() => box().inputValue()).toBe(`pid:${topo.server.pid}`);
    await expect(page.getByRole('tab', { name: 'Ports' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expect.poll(() => rowTexts('Ports'), { timeout: 60_000 }).toHaveLength(2); // tcp and udp listeners
  });

  it('sockeye serve --filter sets the starting filter', async () => {
    const other = await startServe(['--filter', `lport:${topo.server.udpPort} proto:udp`]);
    const p2 = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await p2.goto(other.url + '#ports');
      await poll(() => p2.getByRole('textbox', { name: 'Filter' }).inputValue()).toBe(
        `lport:${topo.server.udpPort} proto:udp`,
      );
      const rows = p2.getByRole('grid', { name: 'Ports' }).locator('[role="row"][data-id]');
      await expect.poll(() => rows.allInnerTexts(), { timeout: 60_000 }).toHaveLength(1);
      expect((await rows.allInnerTexts())[0]).toContain(String(topo.server.udpPort));
    } finally {
      await p2.close();
      await other.stop();
    }
  });
});

describe('live refresh', () => {
  let child: ChildProcess | undefined;
  let lines: Interface | undefined;
  const next = () => new Promise<Record<string, number>>((res) => lines!.once('line', (l) => res(JSON.parse(l))));
  /** Opens one more listener in the child: its port, and its index for "close N". */
  let opened = 0;
  const listen = async () => {
    child!.stdin!.write('listen\n');
    const { port } = await next();
    return { port: port!, index: opened++ };
  };
  afterAll(() => {
    lines?.close();
    child?.kill('SIGKILL');
  });

  it('a listener started during the test appears highlighted as new in Ports, and lingers faded once closed', async () => {
    child = spawn(process.execPath, [resolve(__dirname, '../fixtures/listenOnCommand.mjs')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    lines = createInterface({ input: child.stdout! });
    const ready = await next();
    await box().fill(`pid:${ready.pid}`);
    await openTab('Ports');
    expect(await page.getByRole('switch', { name: 'Live refresh' }).isChecked()).toBe(true);
    // Nothing yet: the process has no socket.
    await poll(() => rowTexts('Ports')).toHaveLength(0);
    const { port, index } = await listen();
    const fresh = page
      .getByRole('grid', { name: 'Ports' })
      .locator('[role="row"].row-new')
      .filter({ hasText: String(port) });
    await fresh.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: screenshotPath('live-new-listener') });
    // The highlight fades: the row stays, plain.
    await page
      .getByRole('grid', { name: 'Ports' })
      .locator('[role="row"]:not(.row-new)')
      .filter({ hasText: String(port) })
      .waitFor({ timeout: 60_000 });

    // Close it: the row lingers faded as gone, then leaves.
    child.stdin!.write(`close ${index}\n`);
    await next();
    const gone = page
      .getByRole('grid', { name: 'Ports' })
      .locator('[role="row"].row-gone')
      .filter({ hasText: String(port) });
    await gone.waitFor({ timeout: 60_000 });
    await expect.poll(() => rowTexts('Ports'), { timeout: 60_000 }).toHaveLength(0);
  });

  it('a process that appears is highlighted in Processes', async () => {
    await openTab('Processes');
    await listen();
    const row = page
      .getByRole('grid', { name: 'Processes' })
      .locator('[role="row"].row-new')
      .filter({ hasText: String(child!.pid) });
    await row.waitFor({ timeout: 60_000 });
  });

  it('paused, the view holds still; switched back on, it catches up at once and stays in step', async () => {
    await openTab('Ports');
    const live = page.getByRole('switch', { name: 'Live refresh' });
    const ports = () => rowTexts('Ports');
    await live.uncheck();
    // A tick already on its way may still land; after it, nothing more should.
    await page.waitForTimeout(1500);
    const before = await ports();
    const { port, index } = await listen();
    await page.waitForTimeout(3000);
    expect((await ports()).some((r) => r.includes(String(port)))).toBe(false);
    expect(await ports()).toEqual(before);

    await live.check();
    await poll(async () => (await ports()).some((r) => r.includes(String(port)))).toBe(true);
    // Still in step after the resume: a change right after it arrives too.
    child!.stdin!.write(`close ${index}\n`);
    await next();
    await poll(async () => (await ports()).some((r) => r.includes(String(port)))).toBe(false);
  });
});
