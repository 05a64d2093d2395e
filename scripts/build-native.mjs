// Builds Sockeye's optional netlink addon (native/sockdiag, plain C on N-API) with node-gyp.
// Runs at `npm ci` (the package's `install` script). It never fails the install: without Linux,
// a C compiler or Node's headers, Sockeye runs with traffic marked unavailable, and the reason
// is kept in native/sockdiag/build/UNAVAILABLE.txt for the app to show.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'native', 'sockdiag');
const buildDir = join(dir, 'build');
const reasonFile = join(buildDir, 'UNAVAILABLE.txt');

function unavailable(reason) {
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(reasonFile, reason + '\n');
  process.stdout.write(`sockeye: traffic counters unavailable: ${reason}\n`);
  process.exit(0);
}

if (process.env.SOCKEYE_SKIP_NATIVE)
  unavailable('the netlink addon was not built (SOCKEYE_SKIP_NATIVE was set at install)');
if (process.platform !== 'linux')
  unavailable(`per-socket byte counters come from Linux sock_diag; this is ${process.platform}`);

// npm hands its bundled node-gyp to install scripts; else look beside this Node.
const candidates = [
  process.env.npm_config_node_gyp,
  join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
].filter(Boolean);
const nodeGyp = candidates.find((p) => existsSync(p));
if (!nodeGyp) unavailable('node-gyp was not found (it comes with npm)');

const args = [nodeGyp, 'rebuild', `--directory=${dir}`];
// Headers that came with this Node (Debian/NodeSource packages put them in /usr/include/node):
// use them instead of downloading (build machines may have no internet).
const prefix = resolve(dirname(process.execPath), '..');
if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) {
  args.push(`--nodedir=${prefix}`);
}
rmSync(reasonFile, { force: true });
const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
const built = join(buildDir, 'Release', 'sockdiag.node');
if (run.status !== 0 || !existsSync(built)) {
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split('\n');
  const why = output.find((l) => /error|not found|No such file/i.test(l)) ?? output.at(-1) ?? 'no output';
  unavailable(
    `building the netlink addon failed (${why
      .replace(/^gyp ERR! /, '')
      .trim()
      .slice(0, 200)})`,
  );
}
process.stdout.write('sockeye: built the netlink addon (traffic counters from sock_diag)\n');
