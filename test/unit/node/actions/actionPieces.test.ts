import { mkdtempSync, readFileSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionLog, defaultStateDir } from '../../../../src/node/actions/actionLog';
import { createActionGate, gateAction, servePolicy, DESKTOP_POLICY } from '../../../../src/node/actions/actionGate';
import { hasNetAdmin, readSsAnswer, ssKillArgs } from '../../../../src/node/actions/closeConnections';
import { stopProcess, type StopDeps } from '../../../../src/node/actions/stopProcess';
import type { ActionLogEntry } from '../../../../src/common/actions/actionApi';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const entry = (n: number): ActionLogEntry => ({
  time: new Date(Date.UTC(2026, 11, 1, 9, 0, n)).toISOString(),
  action: 'kill',
  signal: 'SIGTERM',
  target: { pid: 1000 + n, startedAt: '2026-12-01T08:00:00.000Z', label: `node · app${n}` },
  connection: null,
  requestedBy: 'desktop',
  client: 'ipc-1',
  outcome: 'exited',
  message: `process ${1000 + n} exited after SIGTERM`,
});

describe('action log', () => {
  it('appends whole lines and reads them newest first, skipping a torn last line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sockeye-log-'));
    dirs.push(dir);
    const log = new ActionLog(join(dir, 'state', 'sockeye'));
    await log.append(entry(1));
    await log.append(entry(2));
    // A crash part-way through a write leaves half a line; the entries before it stay readable.
    appendFileSync(log.path, '{"time":"2026-12-01T09:00:03.000Z","action":"ki');
    const read = await log.read();
    expect(read.map((e) => e.target.pid)).toEqual([1002, 1001]);
    expect(readFileSync(log.path, 'utf8').split('\n')).toHaveLength(3);
  });

  it('keeps entries from a file that does not exist yet as none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sockeye-log-'));
    dirs.push(dir);
    expect(await new ActionLog(join(dir, 'nope')).read()).toEqual([]);
  });

  it('lives in $XDG_STATE_HOME/sockeye, else ~/.local/state/sockeye', () => {
    expect(defaultStateDir({ XDG_STATE_HOME: '/tmp/xdg' }, 'linux')).toBe('/tmp/xdg/sockeye');
    expect(defaultStateDir({ XDG_STATE_HOME: 'relative' }, 'linux')).toMatch(/\.local\/state\/sockeye$/);
    expect(defaultStateDir({}, 'linux')).toMatch(/\.local\/state\/sockeye$/);
  });
});

describe('action gate', () => {
  it('lets the desktop act and serve only with --allow-actions', () => {
    expect(gateAction(DESKTOP_POLICY, 'killProcess')).toBeNull();
    expect(gateAction(servePolicy(true), 'closeConnections')).toBeNull();
    expect(gateAction(servePolicy(false), 'killProcess')?.message).toMatch(/--allow-actions/);
    expect(gateAction(servePolicy(false), 'closeConnections')?.code).toBe('FORBIDDEN');
    // Reading is never gated.
    expect(gateAction(servePolicy(false), 'snapshot')).toBeNull();
    expect(gateAction(servePolicy(false), 'actionLog')).toBeNull();
  });

  it('logs each refusal with the target the client named', async () => {
    const seen: unknown[] = [];
    const gate = createActionGate(servePolicy(false), async (...args) => {
      seen.push(args);
    });
    expect(await gate('killProcess', { pid: 5 }, 'ws-1')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await gate('snapshot', {}, 'ws-1')).toBeNull();
    expect(seen).toHaveLength(1);
  });
});

describe('closing through ss -K', () => {
  it('selects exactly one connection by its four endpoints', () => {
    expect(
      ssKillArgs({
        family: 'IPv6',
        localAddress: '::1',
        localPort: 5000,
        remoteAddress: '::1',
        remotePort: 8080,
        pid: 1,
        label: null,
      }).join(' '),
    ).toBe('-K -t -n -6 state established src [::1] sport = :5000 dst [::1] dport = :8080');
  });

  it('reads what ss said: closed, gone, or which of the two requirements is missing', () => {
    const header = 'Recv-Q Send-Q Local Address:Port Peer Address:Port Process\n';
    expect(readSsAnswer(header + '0 0 127.0.0.1:5000 127.0.0.1:8080\n', '')).toEqual({
      outcome: 'closed',
      missing: null,
    });
    expect(readSsAnswer(header, '')).toEqual({ outcome: 'gone', missing: null });
    expect(readSsAnswer(header, 'SOCK_DESTROY answers: Operation not permitted\n')).toEqual({
      outcome: 'denied',
      missing: 'CAP_NET_ADMIN',
    });
    expect(readSsAnswer(header, 'SOCK_DESTROY answers: Operation not supported\n').missing).toBe(
      'CONFIG_INET_DIAG_DESTROY',
    );
  });

  it('reads CAP_NET_ADMIN from the effective capability set', () => {
    expect(hasNetAdmin('CapEff:\t000001fffeffffff\n')).toBe(true);
    expect(hasNetAdmin('CapEff:\t0000000000000000\n')).toBe(false);
    expect(hasNetAdmin('CapEff:\t0000000000001000\n')).toBe(true);
  });
});

describe('stopProcess', () => {
  const identity = { pid: 4242, startedAt: '2026-12-01T08:00:00.000Z', path: '/usr/bin/node' };
  const alive = { ...identity, ppid: 1, user: 'alice' };
  const deps = (over: Partial<StopDeps>): StopDeps => ({
    read: async () => alive,
    send: async () => {},
    sleep: async () => {},
    ...over,
  });

  it('explains EPERM with the owner and how to run elevated', async () => {
    const r = await stopProcess(
      { identity, signal: 'SIGTERM', timeoutMs: 0, selfPids: [] },
      deps({ send: async () => Promise.reject(Object.assign(new Error('x'), { code: 'EPERM' })) }),
    );
    expect(r.outcome).toBe('denied');
    expect(r.message).toMatch(/user alice.*sudo sockeye kill 4242/);
  });

  it('treats ESRCH as already gone (success)', async () => {
    const r = await stopProcess(
      { identity, signal: 'SIGTERM', timeoutMs: 0, selfPids: [] },
      deps({ send: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ESRCH' })) }),
    );
    expect(r.outcome).toBe('already-gone');
  });

  it('answers still-running when the process outlives the wait, and offers SIGKILL', async () => {
    const r = await stopProcess({ identity, signal: 'SIGTERM', timeoutMs: 0, selfPids: [] }, deps({}));
    expect(r).toMatchObject({ outcome: 'still-running', signal: 'SIGTERM' });
    expect(r.message).toMatch(/SIGKILL/);
  });

  it('refuses its own children (parent pid is Sockeye) and itself', async () => {
    const sent: number[] = [];
    const child = await stopProcess(
      { identity, signal: 'SIGTERM', timeoutMs: 0, selfPids: [7] },
      deps({ read: async () => ({ ...alive, ppid: 7 }), send: async (pid) => void sent.push(pid) }),
    );
    expect(child.outcome).toBe('refused');
    const self = await stopProcess(
      { identity: { ...identity, pid: 7 }, signal: 'SIGKILL', timeoutMs: 0, selfPids: [7] },
      deps({}),
    );
    expect(self.outcome).toBe('refused');
    expect(sent).toEqual([]);
  });
});
