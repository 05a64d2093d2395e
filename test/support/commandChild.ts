/** A fixture child process driven by commands on stdin, answering one JSON line per command. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';

export interface CommandChild {
  pid: number;
  child: ChildProcess;
  send(command: string): Promise<Record<string, number | string>>;
  stop(): Promise<void>;
}

export async function startCommandChild(fixture: string): Promise<CommandChild> {
  const child = spawn(process.execPath, [resolve(__dirname, '../fixtures', fixture)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Interface = createInterface({ input: child.stdout! });
  const next = () =>
    new Promise<Record<string, number | string>>((res, rej) => {
      lines.once('line', (l) => res(JSON.parse(l)));
      child.once('exit', (code) => rej(new Error(`${fixture} exited (${code})`)));
    });
  const ready = await next();
  return {
    pid: Number(ready.pid),
    child,
    send: (command) => {
      const answer = next();
      child.stdin!.write(command + '\n');
      return answer;
    },
    stop: () =>
      new Promise((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGKILL');
      }),
  };
}
