/**
 * Actions in the browser: served without --allow-actions the Stop button is greyed out with its
 * reason; with it, a real listener is stopped after the confirmation, a SIGTERM-ignoring one
 * after the offered SIGKILL, and the Activity tab lists both. "Find port" says "free" plainly.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotPath } from '../support/chromium';
import { startServe, type Serve } from '../support/serve';
import { startLineChild, type LineChild } from '../support/lineChild';

let browser: Browser;
beforeAll(async () => {
  process.env.XDG_STATE_HOME = mkdtempSync(join(tmpdir(), 'sockeye-state-'));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A link for one more page: serve's first, then each fresh one it prints (a link's code works once). */
const usedFirst = new WeakSet<Serve>();
async function pageUrl(serve: Serve): Promise<string> {
  if (usedFirst.has(serve)) return serve.freshUrl();
  usedFirst.add(serve);
  return serve.url;
}

/** The Ports tab filtered to one port (this machine's other listeners would push it out of view). */
async function openPorts(serve: Serve, port: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${await pageUrl(serve)}&filter=${encodeURIComponent(`lport:${port}`)}#ports`);
  await page.getByRole('grid', { name: 'Ports' }).waitFor();
  return page;
}

function portRow(page: Page, port: number) {
  return page
    .getByRole('grid', { name: 'Ports' })
    .getByRole('row')
    .filter({ hasText: '127.0.0.1' })
    .filter({ hasText: String(port) });
}

/** Narrow the open page to another port, through the filter box. */
async function filterTo(page: Page, port: number): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Filter' });
  await box.fill(`lport:${port}`);
  await box.press('Enter');
}

/** A port nothing holds (bound and released here, on both families). */
function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '::', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

describe('served without --allow-actions', () => {
  let serve: Serve;
  let holder: LineChild;
  let page: Page;
  beforeAll(async () => {
    holder = await startLineChild('holdPort.mjs', ['127.0.0.1', '0']);
    serve = await startServe();
    page = await openPorts(serve, Number(holder.first.port));
  });
  afterAll(async () => {
    await page?.close();
    await serve?.stop();
    await holder?.stop();
  });

  it('greys out Stop with the reason, and the holder lives', async () => {
    const row = portRow(page, Number(holder.first.port));
    await row.waitFor();
    const stop = row.getByRole('button', { name: /^Stop / });
    await expect(stop.isDisabled()).resolves.toBe(true);
    await row.locator('[data-action-off]').hover();
    const tip = page.getByRole('tooltip');
    await tip.waitFor();
    await expect(tip.textContent()).resolves.toMatch(/started without --allow-actions/);
    await page.screenshot({ path: screenshotPath('actions-off') });
    expect(holder.child.exitCode).toBeNull();
  });

  it('Find port says who holds a port, and "free" for one nobody holds', async () => {
    const box = page.getByRole('textbox', { name: 'Find port' });
    await box.fill(String(holder.first.port));
    const answer = page.getByRole('status', { name: 'Port answer' });
    await answer.getByText('in use').waitFor();
    await expect(answer.textContent()).resolves.toContain(`pid ${holder.pid}`);
    const free = await freePort();
    await box.fill(String(free));
    await answer.getByText(`${free}/tcp is free`).waitFor();
    await expect(answer.getByText('free', { exact: true }).count()).resolves.toBe(1);
  });
});

describe('served with --allow-actions', () => {
  let serve: Serve;
  let page: Page;
  beforeAll(async () => {
    serve = await startServe(['--allow-actions']);
  });
  afterAll(async () => {
    await page?.close();
    await serve?.stop();
  });

  it('stops a listener after the confirmation, which lists what will be lost', async () => {
    const holder = await startLineChild('holdPort.mjs', ['127.0.0.1', '0']);
    try {
      const port = Number(holder.first.port);
      page = await openPorts(serve, port);
      const row = portRow(page, port);
      await row.waitFor();
      await row.getByRole('button', { name: /^Stop / }).click();
      const dialog = page.getByRole('dialog', { name: new RegExp(`^Stop .*\\(pid ${holder.pid}\\)\\?$`) });
      await dialog.waitFor();
      const lost = dialog.getByRole('list', { name: 'What will be lost' });
      await expect(lost.textContent()).resolves.toContain(`listener 127.0.0.1:${port}/tcp (this machine only)`);
      // Nothing is sent before the confirmation.
      expect(holder.child.signalCode).toBeNull();
      await page.screenshot({ path: screenshotPath('actions-confirm') });
      await dialog.getByRole('button', { name: 'Stop process' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'exited after SIGTERM' }).waitFor();
      expect((await holder.exited).signal).toBe('SIGTERM');
      await dialog.getByRole('button', { name: 'Close' }).click();
      // Live refresh: the row goes (faded for a moment, then away).
      await row.waitFor({ state: 'detached', timeout: 20_000 });
      await page.getByRole('tab', { name: 'Activity' }).click();
      const log = page.getByRole('table', { name: 'Action log' });
      await log
        .getByRole('row')
        .filter({ hasText: `pid ${holder.pid}` })
        .filter({ hasText: 'exited' })
        .waitFor();
      await expect(log.textContent()).resolves.toContain('serve client');
    } finally {
      await holder.stop();
    }
  });

  it('offers SIGKILL when SIGTERM is ignored, and sends it only when asked', async () => {
    const holder = await startLineChild('holdPort.mjs', ['127.0.0.1', '0', '--ignore-term']);
    try {
      await page.getByRole('tab', { name: 'Ports' }).click();
      await filterTo(page, Number(holder.first.port));
      const row = portRow(page, Number(holder.first.port));
      await row.waitFor();
      await row.getByRole('button', { name: /^Stop / }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Stop process' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'still running' }).waitFor({ timeout: 20_000 });
      await holder.waitFor((l) => l.ignored === 'SIGTERM');
      expect(holder.child.exitCode).toBeNull();
      expect(holder.child.signalCode).toBeNull();
      await dialog.getByRole('button', { name: 'Force stop (SIGKILL)' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'exited after SIGKILL' }).waitFor();
      expect((await holder.exited).signal).toBe('SIGKILL');
      await dialog.getByRole('button', { name: 'Close' }).click();
    } finally {
      await holder.stop();
    }
  });

  it.skipIf(process.getuid?.() !== 0)('closes an established connection from its Connections row', async () => {
    const pair = await startLineChild('connectedPair.mjs', ['127.0.0.1']);
    try {
      const clientPort = Number(pair.first.clientPort);
      const serverPort = Number(pair.first.serverPort);
      const wide = await browser.newPage({ viewport: { width: 1900, height: 900 } });
      try {
        await wide.goto(
          `${await pageUrl(serve)}&filter=${encodeURIComponent(`lport:${clientPort} rport:${serverPort}`)}#connections`,
        );
        const row = wide.getByRole('grid', { name: 'Connections' }).getByRole('row').filter({ hasText: 'ESTABLISHED' });
        await row.waitFor();
        await row.getByRole('button', { name: /^Close connection / }).click();
        const dialog = wide.getByRole('dialog', { name: 'Close this connection?' });
        await expect(dialog.getByRole('list', { name: 'Connections to close' }).textContent()).resolves.toContain(
          `127.0.0.1:${clientPort} → 127.0.0.1:${serverPort}`,
        );
        expect(pair.lines.some((l) => l.event)).toBe(false);
        await dialog.getByRole('button', { name: 'Close connection' }).click();
        await dialog.getByText(/closed: its owner sees ECONNABORTED/).waitFor();
        expect(await pair.waitFor((l) => l.side === 'client' && l.event === 'error')).toMatchObject({
          code: 'ECONNABORTED',
        });
        expect(await pair.waitFor((l) => l.side === 'server' && l.event === 'error')).toMatchObject({
          code: 'ECONNRESET',
        });
      } finally {
        await wide.close();
      }
    } finally {
      await pair.stop();
    }
  });

  it("offers Stop in a process's story too, and Cancel sends nothing", async () => {
    const holder = await startLineChild('holdPort.mjs', ['127.0.0.1', '0']);
    const story = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await story.goto(`${await pageUrl(serve)}&filter=${encodeURIComponent(`pid:${holder.pid}`)}#processes`);
      await story
        .getByRole('grid', { name: 'Processes' })
        .getByRole('row')
        .filter({ hasText: String(holder.pid) })
        .click();
      const region = story.getByRole('region', { name: /^Process node/ });
      await region.getByRole('button', { name: new RegExp(`^Stop .*\\(${holder.pid}\\)$`) }).click();
      const dialog = story.getByRole('dialog', { name: new RegExp(`\\(pid ${holder.pid}\\)\\?$`) });
      await dialog.waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await new Promise((r) => setTimeout(r, 300));
      expect(holder.child.exitCode).toBeNull();
      expect(holder.child.signalCode).toBeNull();
    } finally {
      await story.close();
      await holder.stop();
    }
  });
});
