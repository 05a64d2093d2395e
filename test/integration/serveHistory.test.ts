/**
 * `sockeye serve --record`: the history recorded in serve's snapshot worker, read back with the
 * real `sockeye history --db`; a second recorder refused; a file that is not ours left untouched.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/common/history/historyEvents';
import { startServe, type Serve } from '../support/serve';
import { runCli } from '../support/runCli';
import { startLineChild } from '../support/lineChild';
import { waitFor } from '../support/recorder';

const dir = mkdtempSync(join(tmpdir(), 'sockeye-serve-history-'));
const stops: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const s of stops.reverse()) await s();
});

async function serve(args: string[]): Promise<Serve> {
  const s = await startServe(args);
  stops.push(() => s.stop());
  return s;
}

async function events(db: string, filter: string): Promise<HistoryEvent[]> {
  const r = await runCli(['history', filter, '--json', '--db', db]);
  if (r.code !== 0) return [];
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as HistoryEvent);
}

describe('sockeye serve --record', () => {
  it('records in the worker: a child listener opened and closed shows in history --db with both events', async () => {
    const db = join(dir, 'serve.db');
    const s = await serve(['--record', '--db', db, '--record-every', '0.5']);
    await waitFor(async () => s.stderr().includes(`recording history to ${db}`), 'serve says it records');
    const child = await startLineChild('holdPort.mjs', ['0.0.0.0', '0']);
    stops.push(() => child.stop());
    const port = Number(child.first.port);
    await waitFor(
      async () => (await events(db, `port:${port}`)).some((e) => e.kind === 'listen-start'),
      'listen-start',
    );
    await child.stop();
    await waitFor(async () => (await events(db, `port:${port}`)).some((e) => e.kind === 'listen-stop'), 'listen-stop');
    const seen = await events(db, `port:${port}`);
    const start = seen.find((e) => e.kind === 'listen-start')!;
    expect(start.socket).toMatchObject({ protocol: 'tcp', localAddress: '0.0.0.0', localPort: port, pid: child.pid });
    expect(start.process?.pid).toBe(child.pid);

    // While serve records, a second recorder on the file refuses, and serve goes on.
    const second = await runCli(['record', '--db', db]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/another recorder \(pid \d+\) is writing to/);
    const again = await serve(['--record', '--db', db]);
    await waitFor(async () => /history: another recorder/.test(again.stderr()), 'the second serve says so');
    expect(again.child.exitCode).toBeNull();
  });

  it('a file that is not a Sockeye history: one line on stderr, serve serves, the file is unchanged', async () => {
    const db = join(dir, 'random.db');
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    writeFileSync(db, bytes);
    const s = await serve(['--record', '--db', db]);
    await waitFor(async () => s.stderr().includes('is not a Sockeye history database'), 'the message');
    expect(
      s
        .stderr()
        .split('\n')
        .filter((l) => l.includes('history')).length,
    ).toBe(1);
    const page = await fetch(s.origin + '/');
    expect(page.status).toBe(200);
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });
});
