import { spawn } from 'node:child_process';
import { mkdtempSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli, SOCKEYE_BIN, type CliResult } from '../support/runCli';
import { startLineChild, type LineChild } from '../support/lineChild';

const root = process.getuid?.() === 0;

let stateHome: string;
beforeAll(() => {
  stateHome = mkdtempSync(join(tmpdir(), 'sockeye-state-'));
  // Writable by the unprivileged run too (its log goes here as well).
  chmodSync(stateHome, 0o1777);
  process.env.XDG_STATE_HOME = stateHome;
});

const children: LineChild[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.stop()));
});

async function pair(host = '127.0.0.1'): Promise<LineChild & { filter: string }> {
  const c = await startLineChild('connectedPair.mjs', [host]);
  children.push(c);
  // The client's end only: its local port is the ephemeral one, its remote the server's.
  return Object.assign(c, { filter: `lport:${String(c.first.clientPort)} rport:${String(c.first.serverPort)}` });
}

/** The CLI as user nobody: no capabilities at all. */
function runAsNobody(args: string[]): Promise<CliResult> {
  return new Promise((res, rej) => {
    const child = spawn(
      'setpriv',
      ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, SOCKEYE_BIN, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: stateHome } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('error', rej);
    child.on('close', (code) => res({ code, stdout, stderr }));
  });
}

describe.skipIf(!root)('sockeye close (as root)', () => {
  it('resets a real established loopback connection: the client sees ECONNABORTED, the server ECONNRESET', async () => {
    const c = await pair();
    const r = await runCli(['close', c.filter, '--yes']);
    expect(r.stderr).toContain('Closing will reset 1 connection(s)');
    expect(r.stdout).toMatch(/closed: its owner sees ECONNABORTED/);
    expect(r.code).toBe(0);
    expect(await c.waitFor((l) => l.side === 'client' && l.event === 'error')).toMatchObject({ code: 'ECONNABORTED' });
    expect(await c.waitFor((l) => l.side === 'server' && l.event === 'error')).toMatchObject({ code: 'ECONNRESET' });
  });

  it('closes an IPv6 connection too', async () => {
    const c = await pair('::1');
    const r = await runCli(['close', c.filter, '--yes']);
    expect(r.code).toBe(0);
    expect(await c.waitFor((l) => l.side === 'client' && l.event === 'error')).toMatchObject({ code: 'ECONNABORTED' });
  });

  it('asks first: no terminal and no --yes is exit 2 and the connection lives', async () => {
    const c = await pair();
    expect((await runCli(['close', c.filter])).code).toBe(2);
    c.child.stdin!.write('ping\n');
    await c.waitFor((l) => l.pong === true);
    expect(c.lines.some((l) => l.event)).toBe(false);
  });

  it('says when nothing matches, and rejects a bad filter with exit 2', async () => {
    const none = await runCli(['close', 'lport:1 rport:1', '--yes']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no established TCP connection matches/);
    const bad = await runCli(['close', 'prot:tcp', '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/did you mean `proto:`/);
  });
});

describe.skipIf(!root)('sockeye close (unprivileged)', () => {
  it('names CAP_NET_ADMIN as what is missing and leaves the connection alone', async () => {
    const c = await pair();
    const r = await runAsNobody(['close', c.filter, '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/CAP_NET_ADMIN/);
    c.child.stdin!.write('ping\n');
    await c.waitFor((l) => l.pong === true);
    expect(c.lines.some((l) => l.event)).toBe(false);
  });
});
