/**
 * `sockeye serve` at a 1 s live refresh with traffic on, at N = 10,000 loopback connections
 * (~20k sockets) plus one child streaming ~1 MB/s (issue 13 §6: ≤ 15 % of one core, the serving
 * thread never blocked > 20 ms). Unlike trafficBench's CPU figure, it also watches the real serving
 * thread's event loop (bench/load/loopProbe.mjs preloaded into serve, switched on only for a second
 * window after the CPU window, since its own timer costs ~3 % of a core), runs snapshotBench's block
 * probe (5 whole snapshots and 5 live ticks forwarded over a WebSocket as fast as they come) and
 * can compare builds A/B on the same load, taking turns round by round. A variant is a built tree
 * (its bin/sockeye.mjs, out/cli and out/bench/snapshotBench.mjs):
 *   SERVE_VARIANTS='base=/tmp/old-tree,new=.' BENCH=serveLive npm run bench
 * SERVE_ROUNDS (default 3), SERVE_SECONDS (default 10), SERVE_CPU_PROF=DIR (node --cpu-prof into DIR),
 * SERVE_THREADS=1 (also print each of serve's threads' user and system CPU in the window).
 * One subscriber (this process, niced so it does not take the cores from serve) applies nothing:
 * it receives and parses each event, as a browser tab's transport does.
 */
import { cpuSeconds, serveApi, statFields, tickSeconds } from './serveClient';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, setPriority, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startLoad } from './load/startLoad';
import { median } from './timing';

const root = process.cwd();
const N = Number(process.env.SERVE_N ?? 10_000);
const ROUNDS = Number(process.env.SERVE_ROUNDS ?? 3);
const SECONDS = Number(process.env.SERVE_SECONDS ?? 10);
const PROBE = resolve(root, 'bench/load/loopProbe.mjs');

interface Figures {
  percent: number;
  /** CPU of the children serve waited for in the window (`ss -xa` for Unix peers), % of one core. */
  childPercent: number;
  probeMs: number;
  events: number;
  maxBlockMs: number;
  p99Ms: number;
  bytes: number;
}

function variants(): [string, string][] {
  const spec = process.env.SERVE_VARIANTS ?? 'current=.';
  return spec.split(',').map((kv) => {
    const [name, path] = kv.split('=');
    return [name!, resolve(root, path!)];
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ProbeLine {
  max: number;
  p99: number;
  longestGc: { kind: string; ms: number }[];
}

async function readProbe(pid: number, file: string): Promise<ProbeLine> {
  process.kill(pid, 'SIGUSR1');
  for (let i = 0; i < 50; i++) {
    await sleep(20);
    try {
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      return JSON.parse(lines[lines.length - 1]!) as ProbeLine;
    } catch {
      // not written yet
    }
  }
  throw new Error('the loop probe did not answer');
}

/** utime+stime of the children a process has waited for, in seconds. */
function childCpuSeconds(pid: number): number {
  const fields = statFields(`/proc/${pid}/stat`);
  return tickSeconds(fields[13]) + tickSeconds(fields[14]);
}

/** user and system CPU seconds of each thread of `pid`, by thread id. */
function threadCpu(pid: number): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = statFields(`/proc/${pid}/task/${tid}/stat`);
      out.set(tid, [tickSeconds(fields[11]), tickSeconds(fields[12])]);
    } catch {
      // the thread ended
    }
  }
  return out;
}

/** The threads that used CPU between two threadCpu readings, busiest first, as one line. */
function threadLine(before: Map<string, [number, number]>, after: Map<string, [number, number]>, wall: number): string {
  const rows = [...after].map(([tid, [u, s]]) => {
    const [u0, s0] = before.get(tid) ?? [0, 0];
    return { tid, user: (100 * (u - u0)) / wall, sys: (100 * (s - s0)) / wall };
  });
  return rows
    .filter((r) => r.user + r.sys >= 0.1)
    .sort((a, b) => b.user + b.sys - (a.user + a.sys))
    .map((r) => `${r.tid} ${r.user.toFixed(1)}u+${r.sys.toFixed(1)}s`)
    .join(', ');
}

/** snapshotBench's block probe of the tree at `tree` (needs the load running). */
function blockProbe(tree: string): number {
  const r = spawnSync(process.execPath, [join(tree, 'out/bench/snapshotBench.mjs'), '--block-probe'], {
    cwd: tree,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`block probe failed: ${r.stderr.trim()}`);
  return Number(r.stdout.trim());
}

async function runOnce(tree: string, profDir: string | undefined): Promise<Omit<Figures, 'probeMs'>> {
  const cli = join(tree, 'bin/sockeye.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'serve-live-'));
  const probeFile = join(dir, 'probe.jsonl');
  const prof = profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];
  const child = spawn(process.execPath, [...prof, '--import', PROBE, cli, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SOCKEYE_LOOP_PROBE: probeFile },
  });
  // A serve that exits before printing its link (an unbuilt UI, a crash) fails the bench, not hangs it.
  const url = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout! }).once('line', res);
    child.once('exit', (code) => {
      rmSync(dir, { recursive: true, force: true });
      rej(new Error(`serve in ${tree} exited (${code}) before printing its link`));
    });
  });
  const api = await serveApi(url);
  try {
    const first = await api.snapshot({});
    let events = 0;
    let bytes = 0;
    api.onEvent((e) => {
      events++;
      bytes += JSON.stringify(e).length;
    });
    await api.live({ enabled: true, intervalMs: 1000, base: first.takenAt });
    await sleep(3000);
    // Two windows: CPU with the loop probe off (its 1 ms timer is not serve's cost), then the
    // serving thread's blocks with it on.
    events = bytes = 0;
    const c0 = cpuSeconds(child.pid!);
    const k0 = childCpuSeconds(child.pid!);
    const th0 = threadCpu(child.pid!);
    const t0 = performance.now();
    await sleep(SECONDS * 1000);
    const cpu = cpuSeconds(child.pid!) - c0;
    const kids = childCpuSeconds(child.pid!) - k0;
    const wall = (performance.now() - t0) / 1000;
    if (process.env.SERVE_THREADS)
      process.stdout.write(`  threads (% of a core): ${threadLine(th0, threadCpu(child.pid!), wall)}\n`);
    const cpuEvents = events;
    const cpuBytes = bytes;
    process.kill(child.pid!, 'SIGUSR2');
    await sleep(SECONDS * 1000);
    const probe = await readProbe(child.pid!, probeFile);
    if (process.env.SERVE_THREADS) {
      const gcs = probe.longestGc.map((g) => `${g.kind} ${g.ms.toFixed(1)} ms`).join(', ');
      process.stdout.write(`  serving thread's longest collections: ${gcs || 'none'}\n`);
    }
    await api.live({ enabled: false });
    return {
      percent: (100 * cpu) / wall,
      childPercent: (100 * kids) / wall,
      events: cpuEvents,
      maxBlockMs: probe.max,
      p99Ms: probe.p99,
      bytes: cpuBytes,
    };
  } finally {
    api.close();
    // It may have exited already (a crash mid-run): then there is no exit event left to wait for.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  setPriority(5); // the subscriber must not be what the serve under test competes with
  const stop = await startLoad(N);
  const busy = spawn(
    process.execPath,
    [
      '-e',
      `const net=require('net');const s=net.createServer(c=>c.resume()).listen(0,'127.0.0.1',()=>{const c=net.connect(s.address().port,'127.0.0.1',()=>setInterval(()=>c.write(Buffer.alloc(50000)),50))})`,
    ],
    { stdio: 'ignore' },
  );
  const results = new Map<string, Figures[]>();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, tree] of variants()) {
        const f = { ...(await runOnce(tree, process.env.SERVE_CPU_PROF)), probeMs: blockProbe(tree) };
        const load = loadavg()[0]!.toFixed(2);
        process.stdout.write(
          `round ${round + 1} ${name}: CPU ${f.percent.toFixed(1)} % (+ ${f.childPercent.toFixed(1)} % in children), ${f.events} events (${(f.bytes / 1024).toFixed(0)} KiB), serving thread max block ${f.maxBlockMs.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms; block probe ${f.probeMs.toFixed(1)} ms; load ${load}\n`,
        );
        results.set(name, [...(results.get(name) ?? []), f]);
      }
    }
    for (const [name, fs] of results) {
      process.stdout.write(
        `${name}: CPU median ${median(fs.map((f) => f.percent)).toFixed(1)} % (goal ≤ 15), live max block median ${median(fs.map((f) => f.maxBlockMs)).toFixed(1)} ms, worst ${Math.max(...fs.map((f) => f.maxBlockMs)).toFixed(1)} ms; block probe median ${median(fs.map((f) => f.probeMs)).toFixed(1)} ms, worst ${Math.max(...fs.map((f) => f.probeMs)).toFixed(1)} ms (goal ≤ 20)\n`,
      );
    }
    process.stdout.write(
      `load average at the end ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}\n`,
    );
  } finally {
    busy.kill();
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`serveLiveBench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
