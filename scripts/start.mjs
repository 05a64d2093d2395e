// `npm start`: build the app if needed, then launch Electron. Where the Electron binary is not
// installed (it downloads on first use; machines without internet cannot), say so in one line
// and point at the browser UI instead of failing with a stack trace.
import { existsSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electronBinary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function tryInstallElectron() {
  // electron's own installer; fails fast without network. Skipped where downloads are disabled.
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return;
  const installer = join(root, 'node_modules/electron/install.js');
  if (existsSync(installer)) spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000 });
}

if (!existsSync(join(root, 'out/main/index.js')) || !existsSync(join(root, 'out/renderer/index.html'))) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

let exe = electronBinary();
if (!exe) {
  tryInstallElectron();
  exe = electronBinary();
}
if (!exe) {
  process.stderr.write(
    'sockeye: the Electron binary is not installed (it could not be downloaded here) — run `npx sockeye serve` and open the URL it prints in a browser\n',
  );
  process.exit(1);
}
const child = spawn(exe, [root, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
