/// <reference lib="dom" />
/**
 * UI benchmark (issue 3 §5, issue 5 §4), in Debian Chromium against `sockeye serve`, with the
 * snapshot bench's load (10,000 loopback connections, ~20k sockets):
 *   - from a snapshot received to the Connections grid painted (the renderer marks both:
 *     `sockeye:snapshot-received` and `sockeye:connections-painted`), over several refreshes
 *   - the longest long task (PerformanceObserver 'longtask') while that happens
 *   - a keystroke in the filter box to the painted grid (`sockeye:filter-painted`), median
 * Goals: ≤ 1 s to paint, no long task over 200 ms, ≤ 100 ms per keystroke (median).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';
import { median, startLoad } from './load/startLoad';

// Benches run bundled from out/bench with the repository as working directory (scripts/bench.mjs).
const root = process.cwd();
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const N = Number(process.argv[2] ?? 10_000);

async function startServe(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [resolve(root, 'bin/sockeye.mjs'), 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout }).once('line', res);
    child.once('exit', (code) => rej(new Error(`sockeye serve exited (${code})`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Time between the latest snapshot-received mark and the paint mark that follows it. */
async function lastMeasure(page: Page, startMark: string, endMark: string): Promise<number> {
  return page.evaluate(
    ([a, b]) => {
      const starts = performance.getEntriesByName(a!, 'mark');
      const ends = performance.getEntriesByName(b!, 'mark');
      const start = starts.at(-1)!.startTime;
      const end = ends.find((e) => e.startTime >= start);
      return end ? end.startTime - start : Number.NaN;
    },
    [startMark, endMark],
  );
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  if (!existsSync(resolve(root, 'out/renderer/index.html'))) throw new Error('renderer not built: run `npm run build:app`');
  const stopLoad = await startLoad(N);
  const serve = await startServe();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(serve.url);
    await page.getByRole('tab', { name: 'Connections' }).click();
    await page.getByRole('grid').first().waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('sockeye:connections-painted', 'mark').length > 0, null, { timeout: 60_000 });

    const paints: number[] = [];
    let maxLongTask = 0;
    for (let i = 0; i < 5; i++) {
      await page.evaluate(() => {
        (window as unknown as { __longTasks: number[] }).__longTasks = [];
        performance.clearMarks();
      });
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForFunction(() => performance.getEntriesByName('sockeye:connections-painted', 'mark').length > 0, null, { timeout: 60_000 });
      paints.push(await lastMeasure(page, 'sockeye:snapshot-received', 'sockeye:connections-painted'));
      const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
      maxLongTask = Math.max(maxLongTask, ...longTasks, 0);
    }
    const rows = await page.evaluate(() => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount'));

    // Keystrokes: type a filter one character at a time; the renderer marks each input and its paint.
    const keys: number[] = [];
    const box = page.getByRole('textbox', { name: /filter/i });
    if (await box.count()) {
      for (const text of ['port:4', 'port:44', 'proto:tcp', 'state:established', '']) {
        await box.fill('');
        for (const ch of text) {
          await page.evaluate(() => performance.clearMarks());
          await box.press(ch === ' ' ? 'Space' : ch);
          await page.waitForFunction(() => performance.getEntriesByName('sockeye:filter-painted', 'mark').length > 0, null, { timeout: 10_000 });
          keys.push(await lastMeasure(page, 'sockeye:filter-input', 'sockeye:filter-painted'));
        }
      }
    }

    const fmt = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : 'n/a');
    process.stdout.write(
      [
        `| load | grid rows | snapshot received → Connections painted (median of ${paints.length}, goal ≤ 1000 ms) | worst | longest long task (goal ≤ 200 ms) | keystroke → painted (median of ${keys.length}, goal ≤ 100 ms) |`,
        '|---|---:|---:|---:|---:|---:|',
        `| ${N} connections | ${rows ?? '?'} | ${fmt(median(paints))} | ${fmt(Math.max(...paints))} | ${fmt(maxLongTask)} | ${keys.length ? fmt(median(keys)) : 'filter box not found'} |`,
      ].join('\n') + '\n',
    );
  } finally {
    await browser.close();
    await serve.stop();
    await stopLoad();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`ui bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
