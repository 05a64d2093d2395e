// vitest globalSetup for tests that run the real `sockeye` command: bundle it first (under a second).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [resolve(__dirname, '../../scripts/build-cli.mjs')], { stdio: 'inherit' });
}
