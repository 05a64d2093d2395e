/** Starts the real `sockeye serve --port 0` and hands back its URL; stop() sends SIGINT and waits. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SOCKEYE_BIN } from './runCli';

export interface Serve {
  url: string;
  origin: string;
  port: number;
  token: string;
  child: ChildProcess;
  stderr(): string;
  stop(): Promise<number | null>;
}

export async function startServe(args: string[] = []): Promise<Serve> {
  const child = spawn(process.execPath, [SOCKEYE_BIN, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d) => (err += d));
  const url = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout! }).once('line', res);
    child.once('exit', (code) => rej(new Error(`sockeye serve exited (${code}): ${err}`)));
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    port: Number(u.port),
    token: u.searchParams.get('token')!,
    child,
    stderr: () => err,
    stop: () =>
      new Promise((res) => {
        if (child.exitCode !== null) return res(child.exitCode);
        child.once('exit', (code) => res(code));
        child.kill('SIGINT');
      }),
  };
}
