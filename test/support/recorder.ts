/** Runs `sockeye record` as a real child process, for history tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { SOCKEYE_BIN } from './runCli';

export interface RecorderChild {
  child: ChildProcess;
  stderr: () => string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
}

export function startRecorder(args: string[]): RecorderChild {
  const child = spawn(process.execPath, [SOCKEYE_BIN, 'record', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (d) => (err += d));
  const exited = new Promise<number | string>((res) => child.on('exit', (code, signal) => res(code ?? signal ?? -1)));
  return { child, stderr: () => err, exited };
}

/** Waits until `check` holds, polling; throws with `what` after `ms`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
