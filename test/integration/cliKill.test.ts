import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SOCKEYE_BIN } from '../support/runCli';
import { startLineChild, type LineChild } from '../support/lineChild';
import { SnapshotSchema } from '../../src/common/model/model';
import { stopProcess } from '../../src/node/actions/stopProcess';
import { readCurrentProcess } from '../../src/node/actions/readIdentity';

let stateHome: string;
beforeAll(() => {
  // The CLI's action log goes here (it inherits this environment), not into the real state folder.
  stateHome = mkdtempSync(join(tmpdir(), 'sockeye-state-'));
  process.env.XDG_STATE_HOME = stateHome;
});

const children: LineChild[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.stop()));
});

async function listener(...flags: string[]): Promise<LineChild> {
  const c = await startLineChild('holdPort.mjs', ['127.0.0.1', '0', ...flags]);
  children.push(c);
  return c;
}

async function snapshotNow() {
  const r = await runCli(['snapshot', '--json']);
  expect(r.code).toBe(0);
  return SnapshotSchema.parse(JSON.parse(r.stdout));
}

describe('sockeye kill', () => {
  it('stops the holder of :PORT with SIGTERM; the listener is gone from the next snapshot; logged', async () => {
    const c = await listener();
    const port = Number(c.first.port);
    const before = await snapshotNow();
    expect(before.sockets.some((s) => s.localPort === port && s.state === 'LISTEN' && s.pid === c.pid)).toBe(true);
    const r = await runCli(['kill', `:${port}`, '--yes']);
    expect(r.stderr).toContain(`listener 127.0.0.1:${port}/tcp (this machine only)`);
    expect(r.stdout).toContain(`exited after SIGTERM`);
    expect(r.code).toBe(0);
    expect(await c.exited).toEqual({ code: null, signal: 'SIGTERM' });
    const after = await snapshotNow();
    expect(after.sockets.some((s) => s.localPort === port && s.state === 'LISTEN')).toBe(false);
    expect(after.processes.some((p) => p.pid === c.pid)).toBe(false);
    const log = readFileSync(join(stateHome, 'sockeye', 'actions.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const startedAt = before.processes.find((p) => p.pid === c.pid)!.startedAt;
    expect(log).toContainEqual(
      expect.objectContaining({
        action: 'kill',
        signal: 'SIGTERM',
        requestedBy: 'cli',
        outcome: 'exited',
        target: expect.objectContaining({ pid: c.pid, startedAt }),
      }),
    );
  });

  it('escalates to SIGKILL with --force when SIGTERM is ignored, and only then', async () => {
    const c = await listener('--ignore-term');
    const polite = await runCli(['kill', String(c.pid), '--yes', '--timeout', '1']);
    expect(polite.code).toBe(1);
    expect(polite.stdout).toMatch(/still running 1 s after SIGTERM/);
    expect(polite.stderr).toMatch(/--force/);
    await c.waitFor((l) => l.ignored === 'SIGTERM');
    expect(c.child.exitCode).toBeNull();
    const forced = await runCli(['kill', String(c.pid), '--yes', '--timeout', '1', '--force']);
    expect(forced.stdout).toMatch(/exited after SIGKILL/);
    expect(forced.code).toBe(0);
    expect(await c.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('refuses without --yes when there is no terminal to ask on (exit 2), and touches nothing', async () => {
    const c = await listener();
    const r = await runCli(['kill', String(c.pid)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/add --yes/);
    expect(c.child.exitCode).toBeNull();
    expect(c.child.signalCode).toBeNull();
    // The refusal is logged like any other.
    const log = readFileSync(join(stateHome, 'sockeye', 'actions.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(log.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({
        outcome: 'refused',
        requestedBy: 'cli',
        target: expect.objectContaining({ pid: c.pid }),
      }),
    );
  });

  it('refuses PID 1, explains a port nobody holds, and rejects bad usage', async () => {
    const init = await runCli(['kill', '1', '--yes']);
    expect(init.code).toBe(1);
    expect(init.stderr).toMatch(/PID 1 is the init system/);
    const free = await runCli(['kill', ':1', '--yes']);
    expect(free.code).toBe(1);
    expect(free.stderr).toMatch(/nothing listens on 1\/tcp/);
    expect((await runCli(['kill', 'node', '--yes'])).code).toBe(2);
    expect((await runCli(['kill', '123', '--signal', 'STOP', '--yes'])).code).toBe(2);
  });
});

/** The CLI on a pseudo-terminal (util-linux `script`), answering its question once it is asked. */
function runOnTerminal(args: string[], answer: string): Promise<{ code: number | null; output: string }> {
  return new Promise((res, rej) => {
    const command = [process.execPath, SOCKEYE_BIN, ...args].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    let answered = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      if (!answered && output.includes('[y/N]')) {
        answered = true;
        child.stdin.write(`${answer}\n`);
      }
    });
    child.on('error', rej);
    child.on('close', (code) => res({ code, output }));
  });
}

describe('sockeye kill on a terminal', () => {
  it('asks; "n" leaves the process alone, "y" stops it', async () => {
    const c = await listener();
    const no = await runOnTerminal(['kill', String(c.pid)], 'n');
    expect(no.output).toContain('Stop it? [y/N]');
    expect(no.output).toContain('nothing stopped');
    expect(no.code).toBe(1);
    expect(c.child.signalCode).toBeNull();
    const yes = await runOnTerminal(['kill', String(c.pid)], 'y');
    expect(yes.output).toContain('exited after SIGTERM');
    expect(yes.code).toBe(0);
    expect((await c.exited).signal).toBe('SIGTERM');
  });
});

describe('identity re-check against a real process', () => {
  it('refuses a target whose start time is not the one confirmed, and stops it when it is', async () => {
    const c = await listener();
    const now = await readCurrentProcess(c.pid);
    expect(now?.startedAt).toBeTruthy();
    const wrong = new Date(Date.parse(now!.startedAt!) - 60_000).toISOString();
    const refused = await stopProcess({
      identity: { pid: c.pid, startedAt: wrong, path: now!.path },
      signal: 'SIGKILL',
      timeoutMs: 1000,
      selfPids: [process.pid],
    });
    expect(refused.outcome).toBe('changed');
    expect(refused.message).toMatch(/reused/);
    await new Promise((r) => setTimeout(r, 200));
    expect(c.child.exitCode).toBeNull();
    expect(c.child.signalCode).toBeNull();
    const done = await stopProcess({
      identity: { pid: c.pid, startedAt: now!.startedAt, path: now!.path },
      signal: 'SIGTERM',
      timeoutMs: 5000,
      // Not this test's pid: the fixture is its child, and Sockeye refuses its own children.
      selfPids: [],
    });
    expect(done.outcome).toBe('exited');
    expect((await c.exited).signal).toBe('SIGTERM');
  });
});
