/**
 * Starts the benchmark load: N established loopback connections between two child processes
 * (see connectionLoad.mjs). Returns a function that resets every connection and waits for exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const loadScript = resolve(dirname(fileURLToPath(import.meta.url)), '../../bench/load/connectionLoad.mjs');

function firstJsonLine(child: ChildProcess): Promise<Record<string, number>> {
  return new Promise((resolveLine, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolveLine(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`load process exited early (${code})`)));
  });
}

export async function startLoad(n: number): Promise<() => Promise<void>> {
  const server = spawn(process.execPath, [loadScript, 'server'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const { port } = await firstJsonLine(server);
  const client = spawn(process.execPath, [loadScript, 'client', String(port), String(n)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await firstJsonLine(client);
  await new Promise((r) => setTimeout(r, 300)); // let the last accepts land
  return async () => {
    for (const c of [client, server]) {
      c.kill('SIGTERM');
      await new Promise((r) => c.once('exit', r));
    }
  };
}
