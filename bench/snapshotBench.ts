/**
 * Snapshot benchmark (issue 2 §7). For each load size N it opens N loopback TCP connections
 * between two child processes (~2N sockets), then measures in the same run, as medians:
 *   - a warm in-process snapshot (modules loaded and JIT-warm, fresh collector: no fd cache)
 *   - a second snapshot right after with the same collector (what a live refresh costs)
 *   - `sockeye snapshot --json` as a whole process
 *   - `ss -tunap` as a whole process
 *   - systeminformation.networkConnections() in-process
 *   - the longest main-thread stall while the worker-backed service takes snapshots
 * and prints the ratios against the goals. Run with `npm run bench` (optionally `-- 1000`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import si from 'systeminformation';
import { SnapshotTaker } from '../src/main/core/snapshotTaker';
import { createSnapshotService } from '../src/main/core/snapshotService';
import { median, startLoad } from './load/startLoad';

// Benches run bundled from out/bench with the repository as working directory (scripts/bench.mjs).
const root = process.cwd();

async function timeAsync(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

function timeProcess(runs: number, cmd: string, args: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
    out.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.toString().trim()}`);
  }
  return out;
}

interface Row {
  n: number;
  sockets: number;
  warmMs: number;
  refreshMs: number;
  cliMs: number;
  ssMs: number;
  siMs: number;
  workerMaxBlockMs: number;
  inProcessMaxBlockMs: number;
}

async function maxBlockWhile(fn: () => Promise<unknown>): Promise<number> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  await fn();
  h.disable();
  // The histogram counts the timer's own 1 ms resolution as delay.
  return Math.max(0, h.max / 1e6 - 1);
}

async function benchSize(n: number): Promise<Row> {
  const stop = await startLoad(n);
  try {
    const runs = n >= 10_000 ? 7 : 11;
    // Warm: JIT and modules warm (one throwaway), but a fresh collector each run — no fd cache.
    await new SnapshotTaker('procfs').take();
    let sockets = 0;
    const warm = await timeAsync(runs, async () => {
      sockets = (await new SnapshotTaker('procfs').take()).sockets.length;
    });
    const taker = new SnapshotTaker('procfs');
    await taker.take();
    const refresh = await timeAsync(runs, () => taker.take());
    const cli = timeProcess(5, process.execPath, [resolve(root, 'bin/sockeye.mjs'), 'snapshot', '--json']);
    const ss = timeProcess(5, 'ss', ['-tunap']);
    await si.networkConnections(); // warm its module paths too
    const siTimes = await timeAsync(3, () => si.networkConnections());

    const service = createSnapshotService({
      collector: 'procfs',
      inWorker: true,
      workerUrl: pathToFileURL(resolve(root, 'out/cli/snapshotWorker.mjs')),
    });
    await service.takeJson();
    const workerMaxBlockMs = await maxBlockWhile(async () => {
      for (let i = 0; i < 5; i++) await service.takeJson();
    });
    await service.close();
    const inProcessMaxBlockMs = await maxBlockWhile(() => taker.take());

    return {
      n,
      sockets,
      warmMs: median(warm),
      refreshMs: median(refresh),
      cliMs: median(cli),
      ssMs: median(ss),
      siMs: median(siTimes),
      workerMaxBlockMs,
      inProcessMaxBlockMs,
    };
  } finally {
    await stop();
  }
}

const fmt = (x: number) => x.toFixed(1);
const ratio = (a: number, b: number) => (a / b).toFixed(2);

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  const rows: Row[] = [];
  for (const n of sizes.length ? sizes : [1_000, 10_000]) {
    process.stderr.write(`bench: ${n} connections…\n`);
    rows.push(await benchSize(n));
  }
  const lines = [
    '| N conns | sockets | warm in-process | live refresh | `sockeye snapshot --json` | `ss -tunap` | si.networkConnections | CLI ÷ ss (goal ≤ 1.0) | warm ÷ ss (goal ≤ 0.6) | si ÷ warm (goal ≥ 2.5) | main-thread max block, worker (goal ≤ 20 ms) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.n} | ${r.sockets} | ${fmt(r.warmMs)} ms | ${fmt(r.refreshMs)} ms | ${fmt(r.cliMs)} ms | ${fmt(r.ssMs)} ms | ${fmt(r.siMs)} ms | ${ratio(r.cliMs, r.ssMs)} | ${ratio(r.warmMs, r.ssMs)} | ${ratio(r.siMs, r.warmMs)} | ${fmt(r.workerMaxBlockMs)} ms (in-process: ${fmt(r.inProcessMaxBlockMs)} ms) |`,
    ),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  mkdirSync(resolve(root, 'bench/results'), { recursive: true });
  writeFileSync(
    resolve(root, 'bench/results/snapshot.json'),
    JSON.stringify({ when: new Date().toISOString(), node: process.version, rows }, null, 2) + '\n',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
