/**
 * A real network namespace for a test, made with iproute2 (root only): `ip netns add
 * sockeye-test-<random>`, a veth pair with a /30 from the benchmarking range 198.18.0.0/15
 * (198.18.<r>.1 on the host, .2 inside), both ends and the namespace's loopback up. `remove()`
 * deletes the namespace and the host end of the veth (deleting one end deletes the pair), and
 * never throws, so an afterAll can always call it.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const isRoot = process.getuid?.() === 0;

export interface TestNamespace {
  name: string;
  hostIf: string;
  hostAddress: string;
  nsAddress: string;
  /** Runs a fixture (test/fixtures) with node inside the namespace; resolves on its first JSON line. */
  run(fixture: string, args: string[]): Promise<{ child: ChildProcess; first: Record<string, unknown> }>;
  remove(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/** Whether `ip netns` works here (iproute2 present, root, a kernel with namespaces). */
export function netnsUsable(): string | null {
  if (!isRoot) return 'not root: creating a network namespace needs CAP_SYS_ADMIN (run the tests as root)';
  try {
    execFileSync('ip', ['netns', 'list'], { stdio: 'ignore' });
    return null;
  } catch (err) {
    return `ip netns unavailable: ${(err as Error).message.split('\n')[0]}`;
  }
}

/** Waits for the first JSON line of a child's stdout. */
export function firstLine(child: ChildProcess, label: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  return new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`${label}: no line in ${timeoutMs} ms`)), timeoutMs);
    createInterface({ input: child.stdout! }).once('line', (l) => {
      clearTimeout(timer);
      res(JSON.parse(l) as Record<string, unknown>);
    });
    child.once('exit', (code) => rej(new Error(`${label} exited early (${code})`)));
  });
}

export function createTestNamespace(): TestNamespace {
  const r = 1 + (randomBytes(1)[0]! % 250);
  const tag = randomBytes(3).toString('hex');
  const name = `sockeye-test-${tag}`;
  const hostIf = `skh${tag}`;
  const nsIf = `skn${tag}`;
  const hostAddress = `198.18.${r}.1`;
  const nsAddress = `198.18.${r}.2`;
  const children: ChildProcess[] = [];
  const remove = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    for (const args of [
      ['netns', 'del', name],
      ['link', 'del', hostIf],
    ]) {
      try {
        ip(...args);
      } catch {
        // already gone (or never made): nothing to clean
      }
    }
  };
  try {
    ip('netns', 'add', name);
    ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf);
    ip('link', 'set', nsIf, 'netns', name);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', hostIf);
    ip('link', 'set', hostIf, 'up');
    ip('-n', name, 'addr', 'add', `${nsAddress}/30`, 'dev', nsIf);
    ip('-n', name, 'link', 'set', nsIf, 'up');
    ip('-n', name, 'link', 'set', 'lo', 'up');
  } catch (err) {
    remove();
    throw err;
  }
  return {
    name,
    hostIf,
    hostAddress,
    nsAddress,
    remove,
    async run(fixture, args) {
      const child = spawn(
        'ip',
        ['netns', 'exec', name, process.execPath, resolve(__dirname, '../fixtures', fixture), ...args],
        {
          stdio: ['pipe', 'pipe', 'inherit'],
        },
      );
      children.push(child);
      return { child, first: await firstLine(child, `${fixture} in ${name}`) };
    },
  };
}
