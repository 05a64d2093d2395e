/** A fixture child that reports in JSON lines on stdout: wait for the next one that matches. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface LineChild {
  pid: number;
  child: ChildProcess;
  first: Record<string, unknown>;
  /** Every line seen so far. */
  lines: Record<string, unknown>[];
  /** Resolves with the first line (seen or to come) for which `test` holds. */
  waitFor(test: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

export async function startLineChild(fixture: string, args: string[] = []): Promise<LineChild> {
  const child = spawn(process.execPath, [resolve(__dirname, '../fixtures', fixture), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (l) => {
    lines.push(JSON.parse(l));
    for (const w of [...waiters]) w();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.once('exit', (code, signal) => res({ code, signal })),
  );
  const waitFor: LineChild['waitFor'] = (test, timeoutMs = 20_000) =>
    new Promise((res, rej) => {
      const check = () => {
        const hit = lines.find(test);
        if (!hit) return;
        waiters.delete(check);
        clearTimeout(timer);
        res(hit);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        rej(new Error(`${fixture}: no matching line in ${timeoutMs} ms; saw ${JSON.stringify(lines)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  const first = await Promise.race([
    waitFor(() => true),
    exited.then((e) => Promise.reject(new Error(`${fixture} exited early (${e.code ?? e.signal})`))),
  ]);
  if ('error' in first) throw new Error(`${fixture}: ${String(first.error)}`);
  const pid = Number(first.pid ?? child.pid);
  return {
    pid,
    child,
    first,
    lines,
    waitFor,
    exited,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
