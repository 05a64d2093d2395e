/**
 * Traffic benchmark (issue 13 §6), at N = 10,000 loopback connections (~20k sockets) plus one
 * child streaming ~1 MB/s, everything measured in the same run and interleaved round by round:
 *   - one traffic sample: the sock_diag TCP dump with tcp_info, decoded, rates computed
 *     (TrafficTracker) — against `ss -tin` of the same sockets (goal ≤ 0.5×)
 *   - a live tick with traffic: a warm SnapshotTaker.take() (sockets from sock_diag, owners,
 *     counters, rates, summary) — against `ss -tunap` (goal ≤ 0.6×); the same with /proc/net
 *     rows and counters joined by inode, for comparison
 *   - `sockeye snapshot --json` as a process, with sock_diag rows and with /proc/net rows
 *     (SOCKEYE_SOCKET_TABLE=procfs), against `ss -tunap`
 *   - the CPU of `sockeye serve` (its worker included) over 10 s of live refresh at 1 s with one
 *     subscriber, traffic on (goal ≤ 15 % of one core)
 *   - the main thread's worst stall while the worker takes snapshots with traffic and the thread
 *     forwards them over a WebSocket (snapshotBench's probe; goal ≤ 20 ms)
 * Writes bench/results/traffic.json. `BENCH=traffic npm run bench`.
 */
import { cpuSeconds, serveApi } from './serveClient';
import { spawn, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { SnapshotTaker } from '../src/node/snapshot/snapshotTaker';
import { loadNetlinkAddon, type NetlinkAddon } from '../src/node/netlink/netlinkAddon';
import { dumpInetSockets } from '../src/node/netlink/socketDump';
import { TrafficTracker } from '../src/node/traffic/trafficTracker';
import { startLoad } from './load/startLoad';
import { median } from './timing';
import { goalRows, writeBenchResult } from './results';

const root = process.cwd();
const CLI = resolve(root, 'bin/sockeye.mjs');
const N = Number(process.argv[2] ?? 10_000);
const ROUNDS = 7;

function timeProcess(cmd: string, args: string[], env?: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, env });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.toString().trim()}`);
  return ms;
}

async function serveCpu(seconds: number): Promise<{ percent: number; ticks: number }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((res) => createInterface({ input: child.stdout! }).once('line', res));
  const api = await serveApi(url);
  try {
    const first = await api.snapshot({});
    let ticks = 0;
    api.onEvent(() => ticks++);
    await api.live({ enabled: true, intervalMs: 1000, base: first.takenAt });
    await new Promise((r) => setTimeout(r, 3000));
    ticks = 0;
    const c0 = cpuSeconds(child.pid!);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const cpu = cpuSeconds(child.pid!) - c0;
    const wall = (performance.now() - t0) / 1000;
    await api.live({ enabled: false });
    return { percent: (100 * cpu) / wall, ticks };
  } finally {
    api.close();
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}

/** snapshotBench's block probe (worker-backed service, forwarding over a WebSocket), worst of three. */
async function blockProbe(): Promise<number[]> {
  await build({
    absWorkingDir: root,
    entryPoints: ['bench/snapshotBench.ts'],
    outfile: 'out/bench/snapshotBench.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    packages: 'external',
  });
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = spawnSync(process.execPath, [resolve(root, 'out/bench/snapshotBench.mjs'), '--block-probe'], {
      cwd: root,
      encoding: 'utf8',
    });
    runs.push(Number(r.stdout.trim()));
  }
  return runs;
}

/** ROUNDS interleaved rounds of every timed step, on the same load. */
async function measureRounds(addon: NetlinkAddon) {
  const tracker = new TrafficTracker(addon);
  const takerNetlink = new SnapshotTaker('procfs', { socketTable: 'netlink' });
  const takerProcfs = new SnapshotTaker('procfs', { socketTable: 'procfs' });
  await takerNetlink.take();
  await takerProcfs.take();
  const t = {
    sample: [] as number[],
    ssTin: [] as number[],
    tickNetlink: [] as number[],
    tickProcfs: [] as number[],
    ssTunap: [] as number[],
    cliNetlink: [] as number[],
    cliProcfs: [] as number[],
  };
  let sockets = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let t0 = performance.now();
    const rows = dumpInetSockets(addon, true, ['tcp']);
    tracker.sample(rows, performance.now(), []);
    t.sample.push(performance.now() - t0);
    t.ssTin.push(timeProcess('ss', ['-tin']));
    t0 = performance.now();
    sockets = (await takerNetlink.take()).sockets.length;
    t.tickNetlink.push(performance.now() - t0);
    t0 = performance.now();
    await takerProcfs.take();
    t.tickProcfs.push(performance.now() - t0);
    t.ssTunap.push(timeProcess('ss', ['-tunap']));
    t.cliNetlink.push(timeProcess(process.execPath, [CLI, 'snapshot', '--json']));
    t.cliProcfs.push(
      timeProcess(process.execPath, [CLI, 'snapshot', '--json'], { ...process.env, SOCKEYE_SOCKET_TABLE: 'procfs' }),
    );
  }
  tracker.close();
  return { t, sockets };
}

async function main(): Promise<void> {
  const addon = loadNetlinkAddon();
  if (!addon.ok) throw new Error(`traffic unavailable: ${addon.reason}`);
  const stop = await startLoad(N);
  // One busy connection, so the counters and rates are not all zero.
  const busy = spawn(
    process.execPath,
    [
      '-e',
      `const net=require('net');const s=net.createServer(c=>c.resume()).listen(0,'127.0.0.1',()=>{const c=net.connect(s.address().port,'127.0.0.1',()=>setInterval(()=>c.write(Buffer.alloc(50000)),50))})`,
    ],
    { stdio: 'ignore' },
  );
  try {
    const { t, sockets } = await measureRounds(addon.addon);
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)])) as Record<keyof typeof t, number>;
    const load1 = loadavg()[0]!;
    process.stderr.write('bench: sockeye serve CPU over 10 s…\n');
    const cpu = await serveCpu(10);
    process.stderr.write('bench: main-thread block probe ×3…\n');
    const blocks = await blockProbe();
    const goals = [
      ['one traffic sample ÷ `ss -tin`', m.sample / m.ssTin, 0.5],
      ['live tick with traffic (sock_diag rows) ÷ `ss -tunap`', m.tickNetlink / m.ssTunap, 0.6],
      ['live tick with traffic (/proc/net rows) ÷ `ss -tunap`', m.tickProcfs / m.ssTunap, 0.6],
      ['`sockeye snapshot --json` (sock_diag rows) ÷ `ss -tunap`', m.cliNetlink / m.ssTunap, 1],
      ['`sockeye snapshot --json` (/proc/net rows) ÷ `ss -tunap`', m.cliProcfs / m.ssTunap, 1],
      ['`sockeye serve` CPU, 1 s live refresh with traffic (% of one core)', cpu.percent, 15],
      ['main thread worst block (ms, worst of 3 probe runs)', Math.max(...blocks), 20],
    ] as const;
    const out = [
      `sockets: ${sockets} (N = ${N}); load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')} (1-min ${load1.toFixed(2)} before the CPU run)`,
      `medians of ${ROUNDS} interleaved rounds (ms): ${Object.entries(m)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', ')}`,
      `serve CPU ${cpu.percent.toFixed(1)} % over 10 s (${cpu.ticks} live events); block probe runs ${blocks.map((b) => b.toFixed(1)).join(', ')} ms`,
      '',
      ...goalRows(goals),
    ].join('\n');
    process.stdout.write(out + '\n');
    writeBenchResult('traffic', {
      at: new Date().toISOString(),
      n: N,
      sockets,
      load: loadavg(),
      medians: m,
      runs: t,
      cpu,
      blocks,
    });
  } finally {
    busy.kill();
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`trafficBench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
