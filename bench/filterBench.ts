/// <reference lib="dom" />
/**
 * Filter and live-refresh benchmark (issue 5 §4), with the benchmarks' load (10,000 loopback
 * connections, ~20k sockets) on top of whatever the machine already has:
 *   1. CPU of the collecting process during live refresh at 1 s: `sockeye serve` (collection runs
 *      in its worker thread) with one WebSocket subscriber that stays in step by applying the
 *      deltas; utime+stime from /proc/PID/stat over ~10 s, as % of one core. Also how many ticks
 *      went out as deltas, their median size against the whole snapshot's, and what computing
 *      one delta costs (the rest of a tick is collecting: see snapshotBench's refresh time).
 *   2. A keystroke in the filter box to the painted grid, in Debian Chromium on the Connections
 *      tab with live refresh paused (so only typing moves the grid): the renderer marks
 *      `sockeye:filter-input` on each keystroke and `sockeye:filter-painted` once the filtered
 *      grid has painted; the median over every keystroke of several filters.
 * Budgets: ≤ 25 % of one core; ≤ 100 ms per keystroke (median).
 */
import { cpuSeconds, serveApi } from './serveClient';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { CHROMIUM_PATH, launchChromium } from '../test/support/chromium';
import type { Page } from 'playwright-core';
import type { ApiEvent } from '../src/common/contract/api';
import type { Snapshot } from '../src/common/model/model';
import { applyDelta, computeDelta } from '../src/common/snapshot/snapshotDelta';
import { startLoad } from './load/startLoad';
import { median } from './timing';

const root = process.cwd();
const N = Number(process.argv[2] ?? 10_000);
const CPU_SECONDS = Number(process.env.FILTER_BENCH_CPU_SECONDS ?? 10);

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : 'n/a');
const kb = (x: number) => (Number.isFinite(x) ? `${(x / 1024).toFixed(0)} KiB` : 'n/a');

/** serve prints a link per one-time code: the first at start, the next once the first is used. */
async function startServe(): Promise<{
  url: string;
  next: () => Promise<string>;
  pid: number;
  stop: () => Promise<void>;
}> {
  const child = spawn(process.execPath, [resolve(root, 'bin/sockeye.mjs'), 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  // Links only: the `API token: …` line that follows the first link is not one.
  const nextLine = () =>
    new Promise<string>((res, rej) => {
      const onLine = (line: string) => {
        if (line.startsWith('API token: ')) return;
        lines.off('line', onLine);
        res(line);
      };
      lines.on('line', onLine);
      child.once('exit', (code) => rej(new Error(`sockeye serve exited (${code})`)));
    });
  const url = await nextLine();
  const second = nextLine();
  return {
    url,
    next: () => second,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

async function measureLiveCpu(url: string, pid: number) {
  const api = await serveApi(url);
  let current: Snapshot = await api.snapshot({});
  const counts = { delta: 0, snapshot: 0 };
  const deltaBytes: number[] = [];
  const fullBytes: number[] = [];
  api.onEvent((e: ApiEvent) => {
    if (e.type === 'snapshot') {
      counts.snapshot++;
      fullBytes.push(JSON.stringify(e.snapshot).length);
      current = e.snapshot;
    } else if (e.type === 'delta') {
      counts.delta++;
      deltaBytes.push(JSON.stringify(e.delta).length);
      if (current.takenAt === e.delta.baseTakenAt) current = applyDelta(current, e.delta);
    }
  });
  await api.live({ enabled: true, intervalMs: 1000, base: current.takenAt });
  await new Promise((r) => setTimeout(r, 3000)); // settle: the first tick may send the whole
  counts.delta = counts.snapshot = 0;
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, CPU_SECONDS * 1000));
  const cpu = cpuSeconds(pid) - cpu0;
  const wall = (performance.now() - t0) / 1000;
  await api.live({ enabled: false });
  // The share of a tick that is the delta itself (the rest is collecting): compute one here.
  const before = current;
  const after = await api.snapshot({});
  const deltaMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    JSON.stringify(computeDelta(before, after));
    deltaMs.push(performance.now() - t);
  }
  api.close();
  return {
    deltaMs: median(deltaMs),
    percent: (100 * cpu) / wall,
    sockets: current.sockets.length,
    ...counts,
    deltaBytes: deltaBytes.length ? median(deltaBytes) : NaN,
    fullBytes: fullBytes.length ? median(fullBytes) : JSON.stringify(current).length,
  };
}

async function measureKeystrokes(page: Page): Promise<{ samples: number[]; rows: string | null }> {
  await page.getByRole('tab', { name: 'Connections' }).click();
  await page.getByRole('grid', { name: 'Connections' }).waitFor({ timeout: 120_000 });
  await page.waitForFunction(
    () => performance.getEntriesByName('sockeye:connections-painted', 'mark').length > 0,
    null,
    { timeout: 120_000 },
  );
  const live = page.getByRole('switch', { name: 'Live refresh' });
  if (await live.isChecked()) await live.click();
  const rows = await page.getByRole('grid', { name: 'Connections' }).getAttribute('aria-rowcount');
  const box = page.getByRole('textbox', { name: 'Filter' });
  const samples: number[] = [];
  for (const text of ['port:4', 'proto:tcp state:estab', 'lport:<1024', 'node', '-scope:loopback']) {
    await box.fill('');
    await page.waitForTimeout(300);
    for (const ch of text) {
      await page.evaluate(() => performance.clearMarks());
      await box.press(ch === ' ' ? 'Space' : ch);
      await page.waitForFunction(
        () => {
          const start = performance.getEntriesByName('sockeye:filter-input', 'mark').at(-1);
          return (
            start !== undefined &&
            performance.getEntriesByName('sockeye:filter-painted', 'mark').some((m) => m.startTime >= start.startTime)
          );
        },
        null,
        { timeout: 30_000 },
      );
      samples.push(
        await page.evaluate(() => {
          const start = performance.getEntriesByName('sockeye:filter-input', 'mark').at(-1)!.startTime;
          return (
            performance.getEntriesByName('sockeye:filter-painted', 'mark').find((m) => m.startTime >= start)!
              .startTime - start
          );
        }),
      );
    }
  }
  await box.fill('');
  return { samples, rows };
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH} (apt-get install chromium)`);
  if (!existsSync(resolve(root, 'out/renderer/index.html')))
    throw new Error('renderer not built: run `npm run build:app`');
  const stopLoad = await startLoad(N);
  const serve = await startServe();
  try {
    const cpu = await measureLiveCpu(serve.url, serve.pid);
    const browser = await launchChromium();
    let keys: { samples: number[]; rows: string | null };
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(await serve.next());
      keys = await measureKeystrokes(page);
    } finally {
      await browser.close();
    }
    process.stdout.write(
      [
        `| sockets | live refresh at 1 s: CPU of the collecting process (goal ≤ 25 % of one core) | ticks as delta / whole | delta size (median) vs whole | computing one delta + JSON |`,
        '|---:|---:|---:|---:|---:|',
        `| ${cpu.sockets} | ${cpu.percent.toFixed(1)} % over ${CPU_SECONDS} s | ${cpu.delta} / ${cpu.snapshot} | ${kb(cpu.deltaBytes)} vs ${kb(cpu.fullBytes)} | ${ms(cpu.deltaMs)} |`,
        '',
        `| grid rows | keystroke → painted grid, median of ${keys.samples.length} (goal ≤ 100 ms) | 90th percentile | worst |`,
        '|---:|---:|---:|---:|',
        `| ${keys.rows ?? '?'} | ${ms(median(keys.samples))} | ${ms([...keys.samples].sort((a, b) => a - b)[Math.floor(keys.samples.length * 0.9)]!)} | ${ms(Math.max(...keys.samples))} |`,
      ].join('\n') + '\n',
    );
  } finally {
    await serve.stop();
    await stopLoad();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`filter bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
