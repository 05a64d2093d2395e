/// <reference lib="dom" />
/**
 * Map benchmark (issue 7): a synthetic busy machine of 300 processes, 2,000 client→server
 * edges (about 4,000 loopback connections) and 150 remote hosts, built through the real
 * derivation (assembleSnapshot).
 *   - Node: building the map graph (buildMapGraph, with its aggregation) and the ELK layered
 *     layout of it (elk.bundled.js, the same options the renderer uses)
 *   - Chromium (if installed): `sockeye serve --snapshot FILE` of that snapshot, the Map tab
 *     opened cold each time: snapshot received → map painted (nodes measured, view fitted),
 *     the layout alone (in the worker), and the longest long task on the main thread
 * Goals: graph build ≤ 100 ms; painted ≤ 3 s; no long task over 200 ms (the layout is off the
 * main thread).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import ELK from 'elkjs/lib/elk.bundled.js';
import { CHROMIUM_PATH, launchChromium } from '../test/support/chromium';
import type { Page } from 'playwright-core';
import { buildMapGraph } from '../src/common/viewModel/map/mapGraph';
import { toElkGraph } from '../src/common/viewModel/map/elkGraph';
import { busySnapshot } from '../test/support/syntheticSnapshot';
import { median, timeRuns } from './timing';

const root = process.cwd();
const PROCESSES = 300;
const EDGES = 2000;
const REMOTE_HOSTS = 150;
const RUNS = 5;

const fmt = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : 'n/a');

/** `sockeye serve --snapshot FILE` on a free port, and the URL it prints. */
async function serveSnapshot(snapshotFile: string) {
  const child = spawn(
    process.execPath,
    [resolve(root, 'bin/sockeye.mjs'), 'serve', '--port', '0', '--snapshot', snapshotFile],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const url = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout }).once('line', res);
    child.once('exit', (code) => rej(new Error(`sockeye serve --snapshot exited (${code})`)));
  });
  return { child, url };
}

/** Waits for the map-painted mark; on a timeout, says how far the page got. */
async function waitForPaint(page: Page, run: number): Promise<void> {
  try {
    await page.waitForFunction(() => performance.getEntriesByName('sockeye:map-painted', 'mark').length > 0, null, {
      timeout: 180_000,
    });
  } catch {
    const state = await page.evaluate(() => ({
      marks: performance.getEntriesByType('mark').map((m) => m.name),
      layout:
        document.querySelector('[aria-label="Map of who talks to whom"]')?.getAttribute('data-layout-state') ??
        'no map',
    }));
    throw new Error(
      `run ${run}: the map was not painted in 180 s (layout ${state.layout}; marks ${state.marks.join(', ')})`,
    );
  }
}

/** One cold load's figures, read from the page's marks and long tasks. */
function measureRun(page: Page) {
  return page.evaluate(() => {
    const at = (name: string) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? Number.NaN;
    const received = at('sockeye:snapshot-received');
    // Long tasks that start after the snapshot arrived (its parsing and validation are the
    // transport's, measured by uiBench): rendering the app and the map, building the graph.
    const tasks = (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
    const mapTasks = tasks.filter((t) => t.start >= received).map((t) => t.duration);
    return {
      painted: at('sockeye:map-painted') - received,
      layout: at('sockeye:map-laid-out') - at('sockeye:map-layout-start'),
      longTask: Math.max(0, ...mapTasks),
    };
  });
}

async function inChromium(
  snapshotFile: string,
): Promise<
  { painted: number[]; layout: number[]; longTasks: number[]; thread: string; nodes: number; edges: number } | string
> {
  if (!existsSync(CHROMIUM_PATH)) return `no Chromium at ${CHROMIUM_PATH}`;
  if (!existsSync(resolve(root, 'out/renderer/index.html'))) return 'renderer not built (npm run build:app)';
  const { child, url } = await serveSnapshot(snapshotFile);
  const browser = await launchChromium();
  try {
    const page: Page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const painted: number[] = [];
    const layout: number[] = [];
    const longTasks: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (i === 0) await page.goto(`${url}#map`);
      else await page.reload();
      await waitForPaint(page, i + 1);
      process.stderr.write(`map bench: Chromium run ${i + 1} of ${RUNS} painted\n`);
      const m = await measureRun(page);
      painted.push(m.painted);
      layout.push(m.layout);
      longTasks.push(m.longTask);
    }
    const region = page.getByRole('region', { name: 'Map of who talks to whom' });
    const thread = (await region.getAttribute('data-layout-thread')) ?? '?';
    const nodes = await page.locator('.react-flow__node').count();
    const edges = await page.locator('.map-edge').count();
    return { painted, layout, longTasks, thread, nodes, edges };
  } finally {
    await browser.close();
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}

async function main(): Promise<void> {
  const snapshot = busySnapshot(PROCESSES, EDGES, REMOTE_HOSTS);
  const connections = snapshot.edges.reduce((n, e) => n + e.count, 0);
  let graph = buildMapGraph(snapshot);
  const build = await timeRuns(9, () => (graph = buildMapGraph(snapshot)));
  const elk = new ELK();
  const first = await timeRuns(1, () => elk.layout(toElkGraph(graph)));
  const layout = await timeRuns(RUNS, () => elk.layout(toElkGraph(graph)));
  // The same machine with no aggregation but merged parallel edges: what the rules save.
  const all = buildMapGraph(snapshot, {
    collapseAbove: Infinity,
    maxRemoteHosts: Infinity,
    maxNodes: Infinity,
    maxEdges: Infinity,
  });
  const allLayout = await timeRuns(3, () => elk.layout(toElkGraph(all)));

  const dir = mkdtempSync(join(tmpdir(), 'sockeye-map-bench-'));
  const file = join(dir, 'busy.json');
  writeFileSync(file, JSON.stringify(snapshot));
  let browser;
  try {
    browser = await inChromium(file);
  } catch (err) {
    browser = err instanceof Error ? err.message : String(err);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const lines = [
    `Synthetic machine: ${snapshot.processes.length} processes, ${snapshot.edges.length} edges (${connections} local connections), ${REMOTE_HOSTS} remote hosts, ${snapshot.sockets.length} sockets.`,
    `Map drawn: ${graph.nodes.length} nodes, ${graph.edges.length} edges (${graph.stats.collapsedGroups} same-named groups, ${graph.stats.remoteNodes} remote nodes for ${graph.stats.remoteHosts} hosts, ${graph.stats.foldedProcesses} processes in “+N more”).`,
    '',
    '| step | median | runs |',
    '|---|---:|---:|',
    `| build map graph (Node, goal ≤ 100 ms) | ${fmt(median(build))} | ${build.length} |`,
    `| ELK layout, first (Node, cold) | ${fmt(first[0]!)} | 1 |`,
    `| ELK layout (Node, warm) | ${fmt(median(layout))} | ${layout.length} |`,
    `| ELK layout without aggregation (${all.nodes.length} nodes, ${all.edges.length} edges; Node, warm) | ${fmt(median(allLayout))} = ${(median(allLayout) / median(layout)).toFixed(1)}× the aggregated map | ${allLayout.length} |`,
  ];
  if (typeof browser === 'string') {
    lines.push(`| Chromium | not measured: ${browser} | |`);
  } else {
    lines.push(
      `| Chromium: snapshot received → map painted, cold page (goal ≤ 3000 ms) | ${fmt(median(browser.painted))} (worst ${fmt(Math.max(...browser.painted))}) | ${browser.painted.length} |`,
      `| Chromium: ELK layout in the ${browser.thread} | ${fmt(median(browser.layout))} | ${browser.layout.length} |`,
      `| Chromium: longest main-thread long task of each run (goal ≤ 200 ms) | median ${fmt(median(browser.longTasks))}, worst ${fmt(Math.max(...browser.longTasks))} (${browser.longTasks.map(fmt).join(', ')}) | ${browser.longTasks.length} |`,
      `| Chromium: drawn | ${browser.nodes} nodes, ${browser.edges} edges | |`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`map bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
