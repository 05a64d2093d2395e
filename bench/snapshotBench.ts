/**
 * Snapshot benchmark (issue 2 §7). For each load size N it opens N loopback TCP connections
 * between two child processes (~2N sockets), then measures in the same run, interleaved round by
 * round so that noise from other work on the machine hits every contender alike, as medians:
 *   - a warm in-process snapshot (modules loaded and JIT-warm, fresh collector: no fd cache)
 *   - a second snapshot right after with the same collector (what a live refresh costs)
 *   - `sockeye snapshot --json` as a whole process (stdout to a pipe, as `| jq` would read it)
 *   - `ss -tunap` as a whole process (same)
 *   - systeminformation.networkConnections() in-process
 *   - the longest main-thread stall while the worker-backed service takes snapshots and that thread
 *     forwards them over a WebSocket, as `sockeye serve` does
 *   - floors the CLI cannot go under: `node -e 0` and `sockeye --version` (the bundled CLI doing nothing)
 * then prints the ratios against the goals, PASS or MISS each, and writes bench/results/snapshot.json.
 * Run with `npm run bench` (optionally `-- 10000` for one size; BENCH=snapshot for this bench only).
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, setPriority } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import si from 'systeminformation';
import { SnapshotTaker } from '../src/node/snapshot/snapshotTaker';
import { createSnapshotService } from '../src/node/snapshot/snapshotService';
import { wrapPieced, type PiecedText } from '../src/common/wire/pieces';
import { WireSender } from '../src/node/server/wireSender';
import { startLoad } from './load/startLoad';
import { median, timeRuns } from './timing';
import { writeBenchResult } from './results';

// Benches run bundled from out/bench with the repository as working directory (scripts/bench.mjs).
const root = process.cwd();
const CLI = resolve(root, 'bin/sockeye.mjs');

/** Wall time of one whole process run, its stdout read through a pipe and thrown away. */
function timeProcess(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.toString().trim()}`);
  return ms;
}

interface Row {
  n: number;
  sockets: number;
  warmMs: number;
  refreshMs: number;
  cliMs: number;
  ssMs: number;
  siMs: number;
  nodeStartMs: number;
  cliEmptyMs: number;
  /** Median over three probe runs of each run's worst main-thread event-loop delay. */
  workerMaxBlockMs: number;
  /** The worst delay of all three probe runs. */
  workerWorstBlockMs: number;
  inProcessMaxBlockMs: number;
  /** 1-minute load average when this size finished: above 2 (this machine's cores) other work was competing. */
  loadAverage: number;
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
    const rounds = n >= 10_000 ? 9 : 11;
    // Warm: JIT and modules warm (throwaways), but a fresh collector each run — no fd cache.
    for (let i = 0; i < 2; i++) await new SnapshotTaker('procfs').take();
    await si.networkConnections(); // warm its module paths too
    const taker = new SnapshotTaker('procfs');
    await taker.take();
    const t = {
      warm: [] as number[],
      refresh: [] as number[],
      cli: [] as number[],
      ss: [] as number[],
      si: [] as number[],
      node: [] as number[],
      empty: [] as number[],
    };
    let sockets = 0;
    for (let i = 0; i < rounds; i++) {
      t.ss.push(timeProcess('ss', ['-tunap']));
      t.cli.push(timeProcess(process.execPath, [CLI, 'snapshot', '--json']));
      t.node.push(timeProcess(process.execPath, ['-e', '0']));
      t.empty.push(timeProcess(process.execPath, [CLI, '--version']));
      t.warm.push(
        ...(await timeRuns(1, async () => {
          sockets = (await new SnapshotTaker('procfs').take()).sockets.length;
        })),
      );
      await taker.take();
      t.refresh.push(...(await timeRuns(1, () => taker.take())));
      if (i < 5) t.si.push(...(await timeRuns(1, () => si.networkConnections())));
    }

    // In a process of its own, like Electron's main process or `sockeye serve`: this one's heap
    // is full of the runs above, and their garbage collection is not the service's doing.
    // Three probe runs. The goal is judged on the worst delay of all of them (the goal says
    // "never"); the median of the three runs' worst shows how much of that is one bad moment on
    // a shared machine.
    const probes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const probe = spawnSync(process.execPath, [process.argv[1]!, '--block-probe'], { cwd: root, encoding: 'utf8' });
      if (probe.status !== 0) throw new Error(`block probe failed: ${probe.stderr.trim()}`);
      probes.push(Number(probe.stdout.trim()));
    }
    const workerMaxBlockMs = median(probes);
    const workerWorstBlockMs = Math.max(...probes);
    const inProcessMaxBlockMs = await maxBlockWhile(() => taker.take());

    return {
      n,
      sockets,
      warmMs: median(t.warm),
      refreshMs: median(t.refresh),
      cliMs: median(t.cli),
      ssMs: median(t.ss),
      siMs: median(t.si),
      nodeStartMs: median(t.node),
      cliEmptyMs: median(t.empty),
      workerMaxBlockMs,
      workerWorstBlockMs,
      inProcessMaxBlockMs,
      loadAverage: loadavg()[0]!,
    };
  } finally {
    await stop();
  }
}

interface Goal {
  name: string;
  value: (r: Row) => number;
  limit: number;
  /** true: value must be ≤ limit; false: ≥ limit. */
  atMost: boolean;
  unit: string;
}

const GOALS: Goal[] = [
  {
    name: '`sockeye snapshot --json` process ÷ `ss -tunap`',
    value: (r) => r.cliMs / r.ssMs,
    limit: 1.0,
    atMost: true,
    unit: '×',
  },
  {
    name: 'warm in-process snapshot ÷ `ss -tunap`',
    value: (r) => r.warmMs / r.ssMs,
    limit: 0.6,
    atMost: true,
    unit: '×',
  },
  {
    name: 'systeminformation ÷ warm in-process snapshot',
    value: (r) => r.siMs / r.warmMs,
    limit: 2.5,
    atMost: false,
    unit: '×',
  },
  {
    name: 'main thread max block while the worker takes snapshots and the thread forwards them (event-loop delay, worst of 3 runs)',
    value: (r) => r.workerWorstBlockMs,
    limit: 20,
    atMost: true,
    unit: ' ms',
  },
];

const fmt = (x: number) => x.toFixed(1);
const verdict = (g: Goal, r: Row) => (g.atMost ? g.value(r) <= g.limit : g.value(r) >= g.limit);

function machine(): string {
  const kernel = (() => {
    try {
      return readFileSync('/proc/version', 'utf8').trim().split(' ').slice(0, 3).join(' ');
    } catch {
      return release();
    }
  })();
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${kernel}, Node ${process.version}`;
}

/**
 * `--block-probe`: the main thread's worst event-loop delay while the worker-backed service takes
 * whole snapshots and live ticks and this thread forwards each one over a real WebSocket, as
 * `sockeye serve` does (pieced messages, to a reader in another process) — what a user of Electron's
 * main process or `sockeye serve` would feel. On a busy machine it also counts time the OS gave
 * the CPU to other processes, so the bench prints the load average next to it.
 */
async function blockProbe(): Promise<void> {
  const service = createSnapshotService({
    collector: 'procfs',
    inWorker: true,
    workerUrl: pathToFileURL(resolve(root, 'out/cli/snapshotWorker.mjs')),
  });
  // This thread serves, as sockeye serve does (a server's frames are not masked: no copy).
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const reader = spawn(process.execPath, ['-e', WS_READER, String((wss.address() as AddressInfo).port)], {
    cwd: root,
    stdio: 'ignore',
  });
  // The browser of `sockeye serve` is usually on another machine (over SSH): here it must not
  // take this machine's two cores from the thread being measured.
  setPriority(reader.pid!, 19);
  try {
    const [ws] = (await once(wss, 'connection')) as [WebSocket];
    // What sockeyeServer.ts does with a result or a live event: the same sender.
    const sender = new WireSender(ws);
    const forward = (json: PiecedText) => sender.send(json);
    forward(wrapPieced('{"id":0,"result":', await service.takeJson(), '}'));
    const delayMs = await maxBlockWhile(async () => {
      for (let i = 0; i < 5; i++) forward(wrapPieced(`{"id":${i + 1},"result":`, await service.takeJson(), '}'));
      for (let i = 0; i < 5; i++) {
        const tick = await service.takeLive(i === 0);
        if (tick.delta !== null && i > 0) forward(wrapPieced('{"event":{"type":"delta","delta":', tick.delta, '}}'));
        else if (tick.full !== null) forward(wrapPieced('{"event":{"type":"snapshot","snapshot":', tick.full, '}}'));
      }
      // Until the reader has it all: writing to the socket is this thread's work too.
      while (sender.pending > 0 || ws.bufferedAmount > 0) await new Promise((r) => setTimeout(r, 5));
    });
    ws.close();
    process.stdout.write(`${delayMs}\n`);
  } finally {
    reader.kill();
    wss.close();
    await service.close();
  }
}

/** A WebSocket reader in a process of its own, standing in for the browser of `sockeye serve`. */
const WS_READER = `const { WebSocket } = require('ws');
const ws = new WebSocket('ws://127.0.0.1:' + process.argv[1], { maxPayload: 64 << 20 });
ws.on('message', () => {});
ws.on('close', () => process.exit(0));`;

async function main(): Promise<void> {
  if (process.argv[2] === '--block-probe') return blockProbe();
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((x) => x > 0);
  const rows: Row[] = [];
  for (const n of sizes.length ? sizes : [1_000, 10_000]) {
    process.stderr.write(`bench: ${n} connections…\n`);
    rows.push(await benchSize(n));
  }
  const lines = [
    `machine: ${machine()}`,
    '',
    '| N conns | sockets | warm in-process | live refresh | `sockeye snapshot --json` | `ss -tunap` | si.networkConnections | main-thread max block, worker (worst of 3 runs; median run) | load average | floor: `node -e 0` | floor: `sockeye --version` |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.n} | ${r.sockets} | ${fmt(r.warmMs)} ms | ${fmt(r.refreshMs)} ms | ${fmt(r.cliMs)} ms | ${fmt(r.ssMs)} ms | ${fmt(r.siMs)} ms | ${fmt(r.workerWorstBlockMs)} ms; ${fmt(r.workerMaxBlockMs)} ms | ${r.loadAverage.toFixed(1)} | ${fmt(r.nodeStartMs)} ms | ${fmt(r.cliEmptyMs)} ms |`,
    ),
    '',
    '| N conns | goal (set for N = 10,000) | measured | target | result |',
    '|---:|---|---:|---:|---|',
    ...rows.flatMap((r) =>
      GOALS.map(
        (g) =>
          `| ${r.n} | ${g.name} | ${g.value(r).toFixed(2)}${g.unit} | ${g.atMost ? '≤' : '≥'} ${g.limit}${g.unit} | ${verdict(g, r) ? 'PASS' : 'MISS'} |`,
      ),
    ),
    '',
    ...rows.map(
      (r) =>
        `N=${r.n}: the CLI floor — Node starting and loading the bundled CLI to do nothing (\`sockeye --version\`) — is ${fmt(r.cliEmptyMs)} ms = ${(r.cliEmptyMs / r.ssMs).toFixed(2)} × ss (bare \`node -e 0\`: ${(r.nodeStartMs / r.ssMs).toFixed(2)} × ss); the snapshot itself adds ${fmt(r.cliMs - r.cliEmptyMs)} ms = ${((r.cliMs - r.cliEmptyMs) / r.ssMs).toFixed(2)} × ss.`,
    ),
  ];
  process.stdout.write(lines.join('\n') + '\n');
  writeBenchResult('snapshot', {
    when: new Date().toISOString(),
    machine: machine(),
    node: process.version,
    rows,
    goals: rows.flatMap((r) =>
      GOALS.map((g) => ({
        n: r.n,
        goal: g.name,
        measured: g.value(r),
        limit: g.limit,
        atMost: g.atMost,
        pass: verdict(g, r),
      })),
    ),
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
