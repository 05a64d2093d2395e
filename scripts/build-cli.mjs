// Bundles the `sockeye` CLI, the snapshot worker and the procfs helper thread into out/cli with
// esbuild: dependencies inlined, so a CLI run loads a few files instead of resolving hundreds of modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  absWorkingDir: root,
  entryPoints: {
    sockeye: 'src/cli/main.ts',
    snapshotWorker: 'src/node/snapshot/snapshotWorker.ts',
    procfsHelper: 'src/node/collectors/procfs/procfsHelperWorker.ts',
  },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // Split so code only some commands need (systeminformation, the server, DNS) loads only when used.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // ws's optional native speed-ups; absent is fine.
  external: ['bufferutil', 'utf-8-validate', 'electron', 'libsql'],
  // Some bundled CommonJS dependencies call require(); give ESM output a real one.
  banner: {
    js: "import { createRequire as __sockeyeCreateRequire } from 'node:module'; const require = __sockeyeCreateRequire(import.meta.url);",
  },
});
