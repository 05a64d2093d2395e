/**
 * A/B of the cost of traffic (issue 13): the main-thread block probe and `sockeye serve`'s CPU at
 * a 1 s live refresh, for this tree and a base tree (the code before traffic, unpacked with
 * `git archive` into AB_BASE), interleaved round by round on the same load of N connections.
 * Not part of `npm run bench` (it needs the base tree): `node out/bench/abTraffic.mjs BASE [N]`.
 */
import { cpuSeconds, serveApi } from './serveClient';
import { spawn, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { startLoad } from './load/startLoad';
import { median } from './timing';

const here = process.cwd();
const base = resolve(process.argv[2] ?? '/tmp/wt13-base');
const N = Number(process.argv[3] ?? 10_000);

async function serveCpu(root: string, seconds: number): Promise<number> {
  const child = spawn(process.execPath, [resolve(root, 'bin/sockeye.mjs'), 'serve', '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((res) => createInterface({ input: child.stdout! }).once('line', res));
  const api = await serveApi(url);
  try {
    const first = await api.snapshot({});
    await api.live({ enabled: true, intervalMs: 1000, base: first.takenAt });
    await new Promise((r) => setTimeout(r, 3000));
    const c0 = cpuSeconds(child.pid!);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const pct = (100 * (cpuSeconds(child.pid!) - c0)) / ((performance.now() - t0) / 1000);
    await api.live({ enabled: false });
    return pct;
  } finally {
    api.close();
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}

function probe(root: string): number {
  const r = spawnSync(process.execPath, [resolve(root, 'out/bench/snapshotBench.mjs'), '--block-probe'], {
    cwd: root,
    encoding: 'utf8',
  });
  return Number(r.stdout.trim());
}

async function main(): Promise<void> {
  const stop = await startLoad(N);
  const out = { baseBlock: [] as number[], newBlock: [] as number[], baseCpu: [] as number[], newCpu: [] as number[] };
  const loads: number[] = [];
  try {
    for (let round = 0; round < 3; round++) {
      out.baseBlock.push(probe(base));
      out.newBlock.push(probe(here));
      out.baseCpu.push(await serveCpu(base, 10));
      out.newCpu.push(await serveCpu(here, 10));
      loads.push(loadavg()[0]!);
      process.stderr.write(`round ${round + 1}: ${JSON.stringify(out)} load ${loads.at(-1)!.toFixed(2)}\n`);
    }
  } finally {
    await stop();
  }
  const f = (xs: number[]) => `${xs.map((x) => x.toFixed(1)).join(' / ')} (median ${median(xs).toFixed(1)})`;
  process.stdout.write(
    [
      `N = ${N}; 1-min load average per round: ${loads.map((l) => l.toFixed(2)).join(', ')}`,
      `block probe, base (no traffic): ${f(out.baseBlock)} ms`,
      `block probe, with traffic:      ${f(out.newBlock)} ms`,
      `serve CPU, base (no traffic):   ${f(out.baseCpu)} %`,
      `serve CPU, with traffic:        ${f(out.newCpu)} %`,
    ].join('\n') + '\n',
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`abTraffic: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
