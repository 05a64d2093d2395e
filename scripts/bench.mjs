// `npm run bench`: bundle the benchmarks with esbuild (same build as the CLI) and run them in turn.
// Extra arguments go to the snapshot bench as load sizes (e.g. `npm run bench -- 1000`).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
spawnSync(process.execPath, [resolve(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' });

const only = process.env.BENCH; // e.g. BENCH=snapshot, BENCH=map (bench/mapBench.ts: map graph, ELK layout, Chromium paint)
const benches = readdirSync(resolve(root, 'bench'))
  .filter((f) => f.endsWith('Bench.ts'))
  .filter((f) => !only || f.startsWith(only));
let failed = 0;
for (const file of benches) {
  const name = file.replace(/\.ts$/, '');
  await build({
    absWorkingDir: root,
    entryPoints: [`bench/${file}`],
    outfile: `out/bench/${name}.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    packages: 'external',
  });
  process.stdout.write(`\n## ${name}\n\n`);
  // filterBench.ts (filter keystroke → painted grid, live-refresh CPU) takes the first load size.
  const args =
    name === 'snapshotBench' ? process.argv.slice(2) : name === 'filterBench' ? process.argv.slice(2, 3) : [];
  const r = spawnSync(process.execPath, [resolve(root, `out/bench/${name}.mjs`), ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
