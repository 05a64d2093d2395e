/**
 * `BENCH=fleet npm run bench`: the fleet merge (common/fleet/mergeFleet.ts) of FLEET_HOSTS
 * synthetic hosts (default 100) of FLEET_SOCKETS sockets each (default 5,000) — 50 listeners,
 * half the rest outbound to other hosts of the fleet (their accepted ends on those hosts),
 * a few to the outside world. Goals (issue 16): ≤ 2 s and ≤ 1 GB. Each case runs in a child
 * process of its own, so its peak RSS is its own: the merge of parsed snapshots, and the whole
 * path from the snapshots' JSON text (parse + schema validation + merge), beside JSON.parse
 * of the same text alone (the floor every reader pays).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FleetWorld } from '../test/support/fleetWorld';
import { mergeFleet, type FleetInput } from '../src/common/fleet/mergeFleet';
import { parseSnapshotText } from '../src/common/snapshot/openSnapshot';
import { SnapshotSchema } from '../src/common/model/model';
import { median } from './timing';

const HOSTS = Number(process.env.FLEET_HOSTS ?? 100);
const SOCKETS = Number(process.env.FLEET_SOCKETS ?? 5000);
const RUNS = 3;

function world(): FleetWorld {
  const w = new FleetWorld();
  const address = (i: number) => `10.${64 + (i >> 16)}.${(i >> 8) & 255}.${(i & 255) + 1}`;
  for (let h = 0; h < HOSTS; h++) {
    w.host(`h${h}`, address(h));
    for (let p = 0; p < 50; p++) w.process(`h${h}`, 1000 + p, `svc-${p}`).listen(`h${h}`, 1000 + p, 8000 + p);
  }
  // A connection is a socket on each end, except the 1 in 7 whose accepted end the server's table
  // lacks and the 1 in 50 to the outside: so many outbound make SOCKETS sockets per host.
  const outbound = Math.round((SOCKETS - 50) / (1 + (6 / 7) * (49 / 50)));
  for (let h = 0; h < HOSTS; h++)
    for (let i = 0; i < outbound; i++) {
      const pid = 1000 + (i % 50);
      if (i % 50 === 0) w.connect(`h${h}`, pid, null, 443, { dialed: `203.0.113.${i % 250}` });
      else {
        const to = (h + 1 + (i % (HOSTS - 1))) % HOSTS;
        w.connect(`h${h}`, pid, `h${to}`, 8000 + (i % 50), { serverPid: 1000 + (i % 50), accepted: i % 7 !== 0 });
      }
    }
  return w;
}

const peakMb = () => process.resourceUsage().maxRSS / 1024;

function child(mode: string): void {
  const inputs = world().inputs();
  const sockets = inputs.reduce((n, i) => n + i.snapshot.sockets.length, 0);
  const texts = mode === 'merge' ? [] : inputs.map((i) => JSON.stringify(i.snapshot));
  const before = peakMb();
  const times: number[] = [];
  let edges = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    if (mode === 'merge') edges = mergeFleet(inputs).edges.length;
    else if (mode === 'parse') for (const t of texts) JSON.parse(t);
    else if (mode === 'runtime') {
      // The path before ADR 0075: zod's runtime parser (its per-object JIT only), not z.compile.
      const parsed: FleetInput[] = texts.map((t, i) => {
        const o = SnapshotSchema.safeParse(JSON.parse(t));
        return { source: `h${i}`, snapshot: o.success ? o.data : null, error: o.success ? null : 'invalid' };
      });
      edges = mergeFleet(parsed).edges.length;
    } else {
      const parsed: FleetInput[] = texts.map((t, i) => {
        const o = parseSnapshotText(t);
        return { source: `h${i}`, snapshot: o.ok ? o.snapshot : null, error: o.ok ? null : o.error };
      });
      edges = mergeFleet(parsed).edges.length;
    }
    times.push(performance.now() - t0);
  }
  const mb = texts.reduce((n, t) => n + t.length, 0) / 1024 / 1024;
  process.stdout.write(JSON.stringify({ mode, sockets, edges, ms: median(times), before, peak: peakMb(), mb }) + '\n');
}

/** The real command on FLEET_HOSTS saved files: wall time and peak RSS from /usr/bin/time, output to /dev/null. */
function cliRun(): { s: number; peakMb: number } | string {
  const dir = mkdtempSync(join(tmpdir(), 'sockeye-fleetbench-'));
  try {
    const files = world()
      .inputs()
      .map((i, n) => {
        const f = join(dir, `h${n}.json`);
        writeFileSync(f, JSON.stringify(i.snapshot));
        return f;
      });
    const bin = resolve(process.cwd(), 'bin/sockeye.mjs');
    const r = spawnSync(
      '/usr/bin/time',
      ['-f', '%M %e', 'sh', '-c', `"$0" "$1" fleet --json "$@" > /dev/null`, process.execPath, bin, ...files],
      {
        encoding: 'utf8',
      },
    );
    const m = /(\d+) ([\d.]+)\s*$/.exec(r.stderr);
    if (r.status !== 0 || !m) return `failed: ${r.stderr.trim().slice(-300)}`;
    return { s: Number(m[2]), peakMb: Number(m[1]) / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const self = fileURLToPath(import.meta.url);
  // runtime (before) and text (after) alternate, twice each, in this one run.
  const order = ['merge', 'parse', 'runtime', 'text', 'runtime', 'text'];
  const rows = order.map((mode) => {
    const r = spawnSync(process.execPath, ['--max-old-space-size=4096', self, mode], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${mode}: ${r.stderr}`);
    return JSON.parse(r.stdout) as {
      mode: string;
      sockets: number;
      edges: number;
      ms: number;
      before: number;
      peak: number;
      mb: number;
    };
  });
  const pick = (mode: string) => {
    const all = rows.filter((r) => r.mode === mode);
    return { ...all[0]!, ms: median(all.map((r) => r.ms)), peak: Math.max(...all.map((r) => r.peak)) };
  };
  const [merge, parse, runtime, text] = ['merge', 'parse', 'runtime', 'text'].map(pick) as [
    (typeof rows)[0],
    (typeof rows)[0],
    (typeof rows)[0],
    (typeof rows)[0],
  ];
  const load = (globalThis as { process: NodeJS.Process }).process.platform === 'linux' ? loadAvg() : '?';
  console.log(
    `${HOSTS} hosts × ${SOCKETS} sockets = ${merge.sockets.toLocaleString('en-US')} sockets; load average ${load}`,
  );
  console.log(`JSON text of the snapshots: ${text.mb.toFixed(0)} MB`);
  console.log(
    `merge (parsed snapshots):           median ${merge.ms.toFixed(0)} ms of ${RUNS}, ${merge.edges} edges; peak RSS ${merge.peak.toFixed(0)} MB (${merge.before.toFixed(0)} MB before merging)`,
  );
  console.log(
    `JSON.parse of the texts alone:      median ${parse.ms.toFixed(0)} ms; peak RSS ${parse.peak.toFixed(0)} MB`,
  );
  console.log(
    `parse + runtime zod + merge (before): median ${runtime.ms.toFixed(0)} ms (${(runtime.ms / parse.ms).toFixed(1)}× JSON.parse alone); peak RSS ${runtime.peak.toFixed(0)} MB`,
  );
  console.log(
    `parse + validate + merge from text: median ${text.ms.toFixed(0)} ms (${(text.ms / parse.ms).toFixed(1)}× JSON.parse alone); peak RSS ${text.peak.toFixed(0)} MB`,
  );
  const cli = cliRun();
  console.log(
    typeof cli === 'string'
      ? `sockeye fleet --json on ${HOSTS} saved files: ${cli}`
      : `sockeye fleet --json on ${HOSTS} saved files (read, validate, merge, print): ${cli.s.toFixed(1)} s wall, peak RSS ${cli.peakMb.toFixed(0)} MB`,
  );
  const ok = merge.ms <= 2000 && merge.peak <= 1024;
  console.log(`goal ≤ 2,000 ms and ≤ 1,024 MB for the merge: ${ok ? 'met' : 'NOT met'}`);
}

function loadAvg(): string {
  return spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ').slice(0, 3).join(' ');
}

if (process.argv[2]) child(process.argv[2]);
else main();
