/**
 * What reading the other network namespaces costs a snapshot (issue 16 §1). With N loopback
 * connections on the host (default 1000, `NETNS_BENCH_N`), in the same run and interleaved round
 * by round, medians of a live refresh (same collector, warm) of:
 *   - the snapshot with namespaces off (`namespaces: false`: the path before this feature)
 *   - the snapshot with namespaces on, with no extra namespace (the cost of looking: one
 *     readlink of /proc/<pid>/ns/net per pid)
 *   - both again with 1 and with K extra namespaces (default 4, `NETNS_BENCH_K`; root only), each made with
 *     `ip netns add` and holding one process with a listener and a loopback connection
 *   - `ss -tunap` as the peer tool (it reads the host's namespace only)
 * and the ratios on ÷ off. Writes bench/results/snapshot-netns.json. BENCH=snapshotNetns.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { ProcfsCollector } from '../src/node/collectors/procfs/procfsCollector';
import { assembleSnapshot } from '../src/common/derive/assembleSnapshot';
import { loadServiceTable } from '../src/node/collectors/serviceTable';
import { startLoad } from './load/startLoad';
import { median } from './timing';
import { writeBenchResult } from './results';

const N = Number(process.env.NETNS_BENCH_N ?? 1000);
const K = Number(process.env.NETNS_BENCH_K ?? 4);
const ROUNDS = Number(process.env.NETNS_BENCH_ROUNDS ?? 15);
const isRoot = process.getuid?.() === 0;

async function timeOnce(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const taker = (namespaces: boolean) => {
  const c = new ProcfsCollector({ namespaces });
  const services = loadServiceTable();
  return async () => assembleSnapshot(await c.collect(), { services });
};

/** Interleaved rounds: each contender once per round, medians at the end. */
async function measure(label: string) {
  const off = taker(false);
  const on = taker(true);
  await off();
  await on(); // warm: fd caches, JIT
  const t = { off: [] as number[], on: [] as number[], ss: [] as number[] };
  let namespaces = 0;
  let sockets = 0;
  for (let r = 0; r < ROUNDS; r++) {
    t.off.push(await timeOnce(off));
    t.on.push(
      await timeOnce(async () => {
        const s = await on();
        namespaces = s.namespaces?.length ?? 0;
        sockets = s.sockets.length;
      }),
    );
    t.ss.push(
      await timeOnce(() => spawnSync('ss', ['-tunap'], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 })),
    );
  }
  const row = {
    label,
    namespaces,
    sockets,
    offMs: median(t.off),
    onMs: median(t.on),
    ssMs: median(t.ss),
  };
  const ratio = row.onMs / row.offMs;
  console.log(
    `${label}: ${namespaces} namespace(s), ${sockets} sockets — off ${row.offMs.toFixed(1)} ms, on ${row.onMs.toFixed(1)} ms ` +
      `(on ÷ off ${ratio.toFixed(3)}), ss -tunap ${row.ssMs.toFixed(1)} ms (on ÷ ss ${(row.onMs / row.ssMs).toFixed(2)})`,
  );
  return { ...row, ratio };
}

function extraNamespaces(k: number): { remove(): void } {
  const names: string[] = [];
  const children: ChildProcess[] = [];
  const tag = process.pid.toString(36);
  for (let i = 0; i < k; i++) {
    const name = `sockeye-bench-${tag}-${i}`;
    execFileSync('ip', ['netns', 'add', name]);
    names.push(name);
    execFileSync('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
    // A listener and one loopback connection to it, inside the namespace.
    const js =
      "const n=require('net');const s=n.createServer(()=>{}).listen(0,'127.0.0.1',()=>{n.connect(s.address().port,'127.0.0.1')})";
    children.push(spawn('ip', ['netns', 'exec', name, process.execPath, '-e', js], { stdio: 'ignore' }));
  }
  return {
    remove() {
      for (const c of children) c.kill('SIGKILL');
      for (const n of names) spawnSync('ip', ['netns', 'del', n]);
    },
  };
}

const stopLoad = await startLoad(N);
const rows = [];
try {
  rows.push(await measure('no extra namespace'));
  if (!isRoot) console.log(`extra namespaces: skipped (not root: ip netns add needs CAP_SYS_ADMIN)`);
  else {
    for (const k of [...new Set([1, K])]) {
      const extra = extraNamespaces(k);
      try {
        await new Promise((r) => setTimeout(r, 500)); // let the children listen and connect
        rows.push(await measure(`${k} extra namespace${k === 1 ? '' : 's'}`));
      } finally {
        extra.remove();
      }
    }
  }
} finally {
  await stopLoad();
}
const load = loadavg().map((l) => l.toFixed(2));
console.log(`load average ${load.join(' ')} on ${cpus().length} cores; ${ROUNDS} rounds, N=${N} loopback connections`);
writeBenchResult('snapshot-netns', {
  takenAt: new Date().toISOString(),
  loadavg: loadavg(),
  n: N,
  rounds: ROUNDS,
  rows,
});
