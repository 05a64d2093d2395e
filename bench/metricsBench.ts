/**
 * Read-only API benchmark (issue 16 §2, §5), at N = 10,000 loopback connections (~20k sockets),
 * everything in the same run, interleaved round by round:
 *   - a cold GET /metrics on `sockeye serve` (no snapshot younger than 2 s: it includes one
 *     collection in the worker), a warm one in the other format (formatting only), a warm one
 *     already formatted (sending only) — goal ≤ 100 ms at ~20k sockets — against `ss -tunap`;
 *   - a cold GET /v1/snapshot (what `sockeye fleet` pulls);
 *   - formatMetrics() alone, in-process, on a snapshot of the same load;
 *   - live refresh under scrape load: one WebSocket subscriber at 1 s while four clients scrape
 *     /metrics and /v1/snapshot back to back for 10 s: the live events' largest gap and serve's
 *     CPU, against 10 s of live refresh without scrapes.
 * Writes bench/results/metrics.json. `BENCH=metrics npm run bench`.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { formatMetrics } from '../src/common/metrics/metricsText';
import { SnapshotTaker } from '../src/node/snapshot/snapshotTaker';
import { startLoad } from './load/startLoad';
import { cpuSeconds, serveApi } from './serveClient';
import { median } from './timing';
import { goalRows, writeBenchResult } from './results';

const root = process.cwd();
const CLI = resolve(root, 'bin/sockeye.mjs');
const N = Number(process.argv[2] ?? 10_000);
const ROUNDS = 7;
const FRESH_MS = 2000; // API_FRESH_MS: a scrape after this long collects anew

function timeProcess(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.toString().trim()}`);
  return ms;
}

interface Running {
  child: ChildProcess;
  /** Every link serve printed; the newest is unused (each is good for one session). */
  links: string[];
  origin: string;
  token: string;
  dir: string;
}

async function startServe(): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'sockeye-metrics-bench-'));
  const tokenFile = join(dir, 'token');
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--token-file', tokenFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const links: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  const link = await new Promise<string>((res) => lines.once('line', res));
  lines.on('line', (l) => links.push(l));
  links.push(link);
  return { child, links, origin: new URL(link).origin, token: readFileSync(tokenFile, 'utf8').trim(), dir };
}

/** One GET, body read to the end: wall ms and body length. */
async function timedGet(r: Running, path: string, accept?: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(`${r.origin}${path}`, {
    headers: { Authorization: `Bearer ${r.token}`, ...(accept ? { Accept: accept } : {}) },
  });
  const body = await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
  return { ms: performance.now() - t0, bytes: body.byteLength };
}

const OM = 'application/openmetrics-text; version=1.0.0';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measureRounds(r: Running) {
  const t = { cold: [] as number[], warmFormat: [] as number[], warmCached: [] as number[] };
  const t2 = { snapshotCold: [] as number[], ssTunap: [] as number[], format: [] as number[] };
  const taker = new SnapshotTaker('procfs');
  const snapshot = await taker.take();
  let bytes = 0;
  let snapshotBytes = 0;
  await timedGet(r, '/metrics'); // the worker's first collection is not a scrape's usual cost
  for (let round = 0; round < ROUNDS; round++) {
    await sleep(FRESH_MS + 300);
    const cold = await timedGet(r, '/metrics');
    t.cold.push(cold.ms);
    bytes = cold.bytes;
    t.warmFormat.push((await timedGet(r, '/metrics', OM)).ms);
    t.warmCached.push((await timedGet(r, '/metrics')).ms);
    t2.ssTunap.push(timeProcess('ss', ['-tunap']));
    const t0 = performance.now();
    formatMetrics({ snapshot, durationMs: 1 }, 'prometheus');
    t2.format.push(performance.now() - t0);
    await sleep(FRESH_MS + 300);
    const snap = await timedGet(r, '/v1/snapshot');
    t2.snapshotCold.push(snap.ms);
    snapshotBytes = snap.bytes;
  }
  return { runs: { ...t, ...t2 }, sockets: snapshot.sockets.length, bytes, snapshotBytes };
}

const SCRAPER = `
const [origin, token, seconds, n] = process.argv.slice(1);
const end = Date.now() + Number(seconds) * 1000;
let count = 0;
const loop = async (i) => {
  while (Date.now() < end) {
    const res = await fetch(origin + (i % 2 ? '/v1/snapshot' : '/metrics'), { headers: { Authorization: 'Bearer ' + token } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error('HTTP ' + res.status);
    count++;
  }
};
Promise.all(Array.from({ length: Number(n) }, (_, i) => loop(i))).then(() => console.log(count));
`;

/** `n` clients scraping /metrics and /v1/snapshot back to back for `seconds`, in a child process; how many scrapes. */
function scrapeElsewhere(r: Running, seconds: number, n: number): Promise<number> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ['-e', SCRAPER, r.origin, r.token, String(seconds), String(n)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.once('exit', (code) => (code === 0 ? res(Number(out.trim())) : rej(new Error(`scraper exited ${code}`))));
  });
}

/** Live refresh at 1 s for `seconds`, with or without four clients scraping back to back. */
async function liveUnderScrapes(r: Running, seconds: number, scrapers: number) {
  const used = r.links.length;
  const api = await serveApi(r.links.at(-1)!);
  while (r.links.length === used) await sleep(20); // the next link, for the next session
  try {
    const first = await api.snapshot({});
    const times: number[] = [];
    api.onEvent(() => times.push(performance.now()));
    await api.live({ enabled: true, intervalMs: 1000, base: first.takenAt });
    await sleep(2000);
    times.length = 0;
    const c0 = cpuSeconds(r.child.pid!);
    const t0 = performance.now();
    // The scrapers run in a process of their own: reading 15 MB bodies here would delay this
    // process's own live events and blame serve for it.
    const scrapes = scrapers === 0 ? sleep(seconds * 1000).then(() => 0) : scrapeElsewhere(r, seconds, scrapers);
    const scraped = await scrapes;
    const wall = (performance.now() - t0) / 1000;
    const cpu = (100 * (cpuSeconds(r.child.pid!) - c0)) / wall;
    await api.live({ enabled: false });
    const gaps = times.slice(1).map((x, i) => x - times[i]!);
    return { events: times.length, maxGapMs: Math.max(0, ...gaps), scrapes: scraped, cpuPercent: cpu };
  } finally {
    api.close();
  }
}

/** A scraper at a steady interval (as Prometheus is): serve learns it and collects just before each visit. */
async function steadyScrapes(r: Running, intervalMs: number, count: number): Promise<number[]> {
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + i * intervalMs;
    await sleep(Math.max(0, due - performance.now()));
    times.push((await timedGet(r, '/metrics')).ms);
  }
  return times;
}

async function main(): Promise<void> {
  const stop = await startLoad(N);
  const serve = await startServe();
  try {
    const { runs, sockets, bytes, snapshotBytes } = await measureRounds(serve);
    const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)])) as Record<
      keyof typeof runs,
      number
    >;
    process.stderr.write('bench: a steady scraper every 4 s, 9 visits…\n');
    const steady = await steadyScrapes(serve, 4000, 9);
    // The first three visits teach serve the rhythm; the rest find a snapshot warmed up for them.
    const steadyMedian = median(steady.slice(3));
    process.stderr.write('bench: live refresh without scrapes, then under 4 scrapers, 10 s each…\n');
    const quiet = await liveUnderScrapes(serve, 10, 0);
    const busy = await liveUnderScrapes(serve, 10, 4);
    const goals = [
      ['cold GET /metrics at ~20k sockets (ms; one collection included)', m.cold, 100],
      ['warm GET /metrics, other format (ms; formatting + sending)', m.warmFormat, 100],
      ['warm GET /metrics, formatted (ms; sending only)', m.warmCached, 100],
      ['GET /metrics by a steady scraper (every 4 s; visits 4–9), ms', steadyMedian, 100],
      ['cold GET /metrics ÷ `ss -tunap`', m.cold / m.ssTunap, 1],
    ] as const;
    const out = [
      `sockets: ${sockets} (N = ${N}); /metrics ${bytes} bytes, /v1/snapshot ${snapshotBytes} bytes; load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
      `medians of ${ROUNDS} interleaved rounds (ms): ${Object.entries(m)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', ')}`,
      `steady scraper every 4 s (ms): ${steady.map((x) => x.toFixed(1)).join(', ')}`,
      `live refresh 1 s, 10 s: without scrapes ${quiet.events} events, largest gap ${quiet.maxGapMs.toFixed(0)} ms, serve CPU ${quiet.cpuPercent.toFixed(1)} %; ` +
        `under 4 scrapers (${busy.scrapes} scrapes) ${busy.events} events, largest gap ${busy.maxGapMs.toFixed(0)} ms, serve CPU ${busy.cpuPercent.toFixed(1)} %`,
      '',
      ...goalRows(goals),
    ].join('\n');
    process.stdout.write(out + '\n');
    writeBenchResult('metrics', {
      at: new Date().toISOString(),
      n: N,
      sockets,
      bytes,
      snapshotBytes,
      load: loadavg(),
      medians: m,
      runs,
      quiet,
      busy,
    });
  } finally {
    serve.child.kill('SIGINT');
    await new Promise((r) => serve.child.once('exit', r));
    rmSync(serve.dir, { recursive: true, force: true });
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`metricsBench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
