// `npm test`: build what the tests drive (CLI bundle, renderer), typecheck, lint (incl. the
// layering rules), then every vitest project (unit, integration, e2e in Chromium). Runs all
// steps even when one fails, so one run shows everything, and ends with the plain summary line
// "tests: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => resolve(root, 'node_modules/.bin', name);
const extra = process.argv.slice(2); // e.g. `npm test -- test/unit` narrows vitest

const steps = [
  ['build CLI', process.execPath, ['scripts/build-cli.mjs']],
  ['build app (electron-vite)', bin('electron-vite'), ['build', '--logLevel', 'warn']],
  ['typecheck: common (no DOM, no Node)', bin('tsc'), ['-p', 'tsconfig.common.json']],
  ['typecheck: node (node, electron-main, preload, CLI, tests)', bin('tsc'), ['-p', 'tsconfig.node.json']],
  ['typecheck: renderer', bin('tsc'), ['-p', 'tsconfig.web.json']],
  ['format (prettier --check; `npm run format` fixes)', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['eslint', bin('eslint'), ['.']],
  ['layering rules (dependency-cruiser)', bin('depcruise'), ['src', '--config', '.dependency-cruiser.cjs']],
];

const failed = [];
for (const [name, cmd, args] of steps) {
  process.stdout.write(`\n== ${name}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed.push(name);
}

process.stdout.write('\n== vitest (unit, integration, e2e)\n');
mkdirSync(resolve(root, 'test-results'), { recursive: true });
const report = resolve(root, 'test-results/vitest.json');
const v = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (v.status !== 0) failed.push('vitest');

let passed = 0;
let failedTests = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failedTests = r.numFailedTests ?? 0;
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A suite that fails to load counts as a failure even when it holds no test.
  const brokenFiles = (r.testResults ?? []).filter(
    (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
  );
  failedTests += brokenFiles.length;
}
if (failed.length) process.stdout.write(`\nfailed steps: ${failed.join(', ')}\n`);
process.stdout.write(`\ntests: ${passed} passed, ${failedTests} failed, ${skipped} skipped\n`);
process.exit(failed.length || failedTests ? 1 : 0);
