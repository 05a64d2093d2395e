#!/usr/bin/env node
// Launcher for the `sockeye` command. The CLI is bundled into out/cli by `npm ci` (prepare);
// if that bundle is missing (a fresh checkout without install scripts), build it first.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = resolve(root, 'out/cli/sockeye.mjs');
if (!existsSync(entry)) {
  const r = spawnSync(process.execPath, [resolve(root, 'scripts/build-cli.mjs')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    process.stderr.write('sockeye: could not build the CLI (run `npm ci` in the Sockeye folder)\n');
    process.exit(1);
  }
}
await import(pathToFileURL(entry).href);
