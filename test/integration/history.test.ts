/**
 * History with the real `sockeye record`, `history`, `diff @…` and `watch` commands, real child
 * processes that listen, connect and churn, and real database files.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import Database from 'libsql';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../src/common/history/historyEvents';
import type { Snapshot } from '../../src/common/model/model';
import { startCommandChild, type CommandChild } from '../support/commandChild';
import { runCli, SOCKEYE_BIN } from '../support/runCli';
import { startRecorder, waitFor } from '../support/recorder';

const dir = mkdtempSync(join(tmpdir(), 'sockeye-history-'));
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup) await c();
});

interface Info {
  first: string | null;
  last: string | null;
  ticks: number;
  keyframes: number;
  usedBytes: number;
  recorderPid: number | null;
}

async function info(db: string): Promise<Info> {
  const r = await runCli(['history', '--info', '--json', '--db', db]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Info;
}

async function events(db: string, filter?: string): Promise<HistoryEvent[]> {
  const r = await runCli(['history', ...(filter ? [filter] : []), '--json', '--db', db]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as HistoryEvent);
}

async function child(fixture: string): Promise<CommandChild> {
  const c = await startCommandChild(fixture);
  cleanup.push(() => c.stop());
  return c;
}

describe('sockeye record and history', () => {
  it('a listener opened and closed while recording shows in history with both events, and --at between them', async () => {
    const db = join(dir, 'listener.db');
    const rec = startRecorder(['--interval', '0.5', '--db', db]);
    cleanup.push(() => void rec.child.kill('SIGKILL'));
    await waitFor(async () => ((await info(db).catch(() => null))?.ticks ?? 0) >= 2, 'two ticks recorded');
    const peer = await child('changingPeer.mjs');
    const { port } = await peer.send('listen');
    await waitFor(async () => (await events(db, `port:${port}`)).length >= 1, 'the listen-start event');
    await peer.stop();
    await waitFor(
      async () => (await events(db, `port:${port}`)).some((e) => e.kind === 'listen-stop'),
      'the listen-stop event',
    );
    await new Promise((r) => setTimeout(r, 1200));
    rec.child.kill('SIGTERM');
    expect(await rec.exited).toBe(0);

    const seen = await events(db, `port:${port}`);
    const start = seen.find((e) => e.kind === 'listen-start')!;
    const stop = seen.find((e) => e.kind === 'listen-stop')!;
    expect(start.socket).toMatchObject({ protocol: 'tcp', localAddress: '127.0.0.1', localPort: port, pid: peer.pid });
    expect(start.process?.pid).toBe(peer.pid);
    expect(stop.socket?.localPort).toBe(port);
    expect(Date.parse(stop.time)).toBeGreaterThan(Date.parse(start.time));
    expect(seen.filter((e) => e.kind === 'listen-start' || e.kind === 'listen-stop')).toHaveLength(2);
    // The same events as text, one line each.
    const text = await runCli(['history', `lport:${port}`, '--db', db]);
    expect(text.stdout).toMatch(new RegExp(`listen-start +tcp 127\\.0\\.0\\.1:${port}`));

    const listening = (s: Snapshot) => s.sockets.some((x) => x.localPort === port && x.state === 'LISTEN');
    const at = async (time: string) => {
      const r = await runCli(['history', '--at', time, '--json', '--db', db]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as Snapshot;
    };
    const during = await at(start.time);
    expect(during.schema).toBe('sockeye.snapshot/1');
    expect(during.takenAt).toBe(start.time);
    expect(listening(during)).toBe(true);
    expect(listening(await at(new Date(Date.parse(stop.time) - 1).toISOString()))).toBe(true);
    expect(listening(await at(stop.time))).toBe(false);
    expect(listening(await at('now'))).toBe(false);

    // diff between the two moments names the listener as closed.
    const diff = await runCli(['diff', `@${start.time}`, `@${stop.time}`, '--json', '--db', db]);
    expect(diff.code).toBe(0);
    const d = JSON.parse(diff.stdout) as { removed: { sockets: { localPort: number; state: string }[] } };
    expect(d.removed.sockets.some((s) => s.localPort === port && s.state === 'LISTEN')).toBe(true);
  });

  it(
    'survives SIGKILL during heavy churn: the file opens, history works, a restart resumes',
    { timeout: 120_000 },
    async () => {
      const db = join(dir, 'churn.db');
      const churn = await child('churn.mjs');
      const rec = startRecorder(['--interval', '0.2', '--db', db]);
      cleanup.push(() => void rec.child.kill('SIGKILL'));
      // Ticks take seconds when other jobs load this machine: wait for four, for up to 40 s.
      await waitFor(async () => ((await info(db).catch(() => null))?.ticks ?? 0) >= 4, 'four ticks recorded', 40_000);
      // A second recorder on the same file refuses, naming the first.
      const second = await runCli(['record', '--db', db, '--ticks', '1']);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`^sockeye: another recorder \\(pid ${rec.child.pid}\\) is writing to `));
      expect(second.stderr.trim().split('\n')).toHaveLength(1);

      rec.child.kill('SIGKILL');
      expect(await rec.exited).toBe('SIGKILL');
      const after = await info(db);
      expect(after.ticks).toBeGreaterThanOrEqual(4);
      expect(after.recorderPid).toBeNull();
      const churned = await events(db, `pid:${churn.pid}`);
      expect(churned.filter((e) => e.kind === 'connect').length).toBeGreaterThan(3);
      const check = new Database(db, { readonly: true });
      expect((check.prepare('PRAGMA integrity_check').get([]) as { integrity_check: string }).integrity_check).toBe(
        'ok',
      );
      check.close();

      const restarted = await runCli(['record', '--interval', '0.2', '--ticks', '3', '--db', db]);
      expect(restarted.code).toBe(0);
      const resumed = await info(db);
      expect(resumed.ticks).toBe(after.ticks + 3);
      expect(Date.parse(resumed.last!)).toBeGreaterThan(Date.parse(after.last!));
      const last = await runCli(['history', '--at', 'now', '--json', '--db', db]);
      expect(JSON.parse(last.stdout).takenAt).toBe(resumed.last);
    },
  );

  it('retention trims the oldest segments first past a small size limit', async () => {
    const db = join(dir, 'small.db');
    const first = await runCli(['record', '--interval', '0.2', '--ticks', '2', '--db', db]);
    expect(first.code).toBe(0);
    const before = await info(db);
    // Every tick a keyframe (a segment of its own); room for about three.
    const limit = Math.round(before.usedBytes * 1.5);
    const r = await runCli([
      'record',
      '--interval',
      '0.2',
      '--ticks',
      '8',
      '--keyframe-every',
      '1ms',
      '--max-size',
      String(limit),
      '--db',
      db,
    ]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const trimmed = await info(db);
    expect(trimmed.ticks).toBeLessThan(before.ticks + 8);
    expect(Date.parse(trimmed.first!)).toBeGreaterThan(Date.parse(before.first!));
    expect(Date.parse(trimmed.last!)).toBeGreaterThan(Date.parse(before.last!));
    // Under the limit, unless the newest segment alone is over it (other jobs on this machine can
    // double its socket count between two runs): that one is kept, never a half segment.
    if (trimmed.keyframes > 1) expect(trimmed.usedBytes).toBeLessThanOrEqual(limit);
    else expect(trimmed.ticks).toBeLessThanOrEqual(2);
    // What is left still rebuilds, from its first moment on.
    const oldest = await runCli(['history', '--at', trimmed.first!, '--json', '--db', db]);
    expect(oldest.code).toBe(0);
    expect(JSON.parse(oldest.stdout).takenAt).toBe(trimmed.first);
  });

  it('a corrupt or foreign file gets one clear message and is never overwritten; a new file records', async () => {
    const garbage = join(dir, 'garbage.db');
    writeFileSync(garbage, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 256)));
    const foreign = join(dir, 'foreign.db');
    const other = new Database(foreign);
    other.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')");
    other.close();
    for (const file of [garbage, foreign]) {
      const bytes = readFileSync(file);
      for (const args of [
        ['record', '--ticks', '1'],
        ['history'],
        ['history', '--at', 'now'],
        ['diff', '@now', '@now'],
      ]) {
        const r = await runCli([...args, '--db', file]);
        expect(r.code).toBe(1);
        expect(r.stderr).toMatch(/^sockeye: .* is not a Sockeye history database \(.*\); it was left untouched/);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
      }
      expect(readFileSync(file).equals(bytes)).toBe(true);
    }
    const missing = await runCli(['history', '--db', join(dir, 'none.db')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no history at .*none\.db \(start one with 'sockeye record'\)/);
    const fresh = await runCli(['record', '--ticks', '1', '--db', join(dir, 'fresh.db')]);
    expect(fresh.code).toBe(0);
    expect((await info(join(dir, 'fresh.db'))).ticks).toBe(1);
  });

  it('bad times and filters are one-line usage errors', async () => {
    const db = join(dir, 'fresh.db');
    const t = await runCli(['history', '--at', 'tomorrowish', '--db', db]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/^sockeye: --at: bad time 'tomorrowish' \(examples: /);
    const f = await runCli(['history', 'prot:tcp', '--db', db]);
    expect(f.code).toBe(2);
    expect(f.stderr).toMatch(/did you mean `proto:`/);
  });
});

describe('sockeye watch', () => {
  it("--alert 'state:listen' --exit-on-alert --json exits 3 with the new listener's pid and port", async () => {
    const peer = await child('changingPeer.mjs');
    const watch = spawn(
      process.execPath,
      [SOCKEYE_BIN, 'watch', '--alert', 'state:listen', '--exit-on-alert', '--json', '--interval', '0.3'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cleanup.push(() => void watch.kill('SIGKILL'));
    const lines: string[] = [];
    createInterface({ input: watch.stdout! }).on('line', (l) => lines.push(l));
    let err = '';
    watch.stderr!.setEncoding('utf8').on('data', (d) => (err += d));
    const exited = new Promise<number | null>((res) => watch.on('exit', (code) => res(code)));
    await waitFor(() => err.includes('watching'), 'watch to start');
    const { port } = await peer.send('listen');
    expect(await exited).toBe(3);
    const alerts = lines.map((l) => JSON.parse(l)).filter((e) => e.alerts);
    expect(alerts.length).toBeGreaterThan(0);
    const ours = alerts.find((e) => e.socket?.localPort === port);
    expect(ours).toMatchObject({ kind: 'listen-start', alerts: ['state:listen'] });
    expect(ours.socket.pid).toBe(peer.pid);
    expect(ours.process.pid).toBe(peer.pid);
  });

  it('a listener marked expected does not alert when it comes back (another pid); a new one does', async () => {
    const db = join(dir, 'expected.db');
    const listenOn = async (port: number) => {
      const c = spawn(process.execPath, ['-e', LISTEN_ON, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
      cleanup.push(() => void c.kill('SIGKILL'));
      await new Promise((res) => c.stdout!.once('data', res));
      return c;
    };
    const [p1, p2] = await Promise.all([freePort(), freePort()]);
    const first = await listenOn(p1);
    const marked = await runCli(['watch', '--expect-current', '--db', db]);
    expect(marked.code).toBe(0);
    expect(marked.stderr).toMatch(/^sockeye: \d+ listeners marked as expected in /);
    first.kill('SIGKILL');
    const watch = spawn(
      process.execPath,
      [
        SOCKEYE_BIN,
        'watch',
        '--alert',
        `lport:${p1},${p2}`,
        '--exit-on-alert',
        '--json',
        '--interval',
        '0.3',
        '--db',
        db,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    cleanup.push(() => void watch.kill('SIGKILL'));
    const lines: string[] = [];
    createInterface({ input: watch.stdout! }).on('line', (l) => lines.push(l));
    let err = '';
    watch.stderr!.setEncoding('utf8').on('data', (d) => (err += d));
    const exited = new Promise<number | null>((res) => watch.on('exit', (code) => res(code)));
    await waitFor(() => err.includes('watching'), 'watch to start');
    // The expected program listens again on its port, as a new process: seen, not alerted.
    const again = await listenOn(p1);
    await waitFor(() => lines.some((l) => JSON.parse(l).kind === 'listen-start'), 'the listen-start event');
    expect(watch.exitCode).toBeNull();
    const newcomer = await listenOn(p2);
    expect(await exited).toBe(3);
    const events = lines.map((l) => JSON.parse(l));
    expect(events.find((e) => e.kind === 'listen-start' && e.socket.localPort === p1)).toMatchObject({
      socket: { pid: again.pid },
    });
    expect(events.filter((e) => e.alerts).map((e) => [e.socket.localPort, e.socket.pid])).toEqual([[p2, newcomer.pid]]);
  });
});

const LISTEN_ON = `require('net').createServer().listen(Number(process.argv[1]), '127.0.0.1', () => console.log('up'))`;

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => res(port));
    });
  });
}
