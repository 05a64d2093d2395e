import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/runCli';
import { startLineChild, type LineChild } from '../support/lineChild';

const children: LineChild[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.stop()));
});

async function hold(host: string, port: number, ...flags: string[]): Promise<LineChild> {
  const c = await startLineChild('holdPort.mjs', [host, String(port), ...flags]);
  children.push(c);
  return c;
}

/** `n` consecutive ports nothing holds now (checked by binding both families), from a random start. */
async function freeRun(n: number): Promise<number> {
  const bindable = (port: number, host: string) =>
    new Promise<boolean>((res) => {
      const s = createServer();
      s.once('error', () => res(false));
      s.listen({ port, host, ipv6Only: host === '::' }, () => s.close(() => res(true)));
    });
  for (;;) {
    const base = 20000 + Math.floor(Math.random() * 20000);
    let ok = true;
    for (let p = base; p < base + n && ok; p++) ok = (await bindable(p, '0.0.0.0')) && (await bindable(p, '::'));
    if (ok) return base;
  }
}

describe('sockeye port PORT', () => {
  it('names the holder of a listening port, its side and reach; exit 0', async () => {
    const c = await hold('127.0.0.1', 0);
    const port = Number(c.first.port);
    const r = await runCli(['port', String(port), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ port, protocol: 'tcp', held: true });
    expect(report.sockets[0]).toMatchObject({
      localAddress: '127.0.0.1',
      state: 'LISTEN',
      side: 'server',
      exposure: 'this machine only',
    });
    expect(report.sockets[0].holders).toEqual([
      expect.objectContaining({ pid: c.pid, label: expect.stringContaining('node'), user: 'root' }),
    ]);
    const text = await runCli(['port', String(port)]);
    expect(text.stdout).toContain(`127.0.0.1:${port}`);
    expect(text.stdout).toContain(`pid ${c.pid}`);
  });

  it('says free and exits 1 when nothing is bound; 2 for bad usage', async () => {
    const port = await freeRun(1);
    const r = await runCli(['port', String(port)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${port}/tcp is free`));
    expect((await runCli(['port', '0'])).code).toBe(2);
    expect((await runCli(['port', 'http'])).code).toBe(2);
    expect((await runCli(['port'])).code).toBe(2);
    expect((await runCli(['port', '80', '--timeout', '3'])).code).toBe(2);
  });
});

describe('sockeye port --free', () => {
  it('skips ports held on 0.0.0.0, on :: and on 127.0.0.1 only', async () => {
    const base = await freeRun(4);
    await hold('0.0.0.0', base);
    await hold('::', base + 1, '--v6only');
    await hold('127.0.0.1', base + 2);
    const r = await runCli(['port', '--free', `${base}-${base + 3}`]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${base + 3}\n`);
    expect(r.code).toBe(0);
    const none = await runCli(['port', '--free', `${base}-${base + 2}`, '--json']);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toEqual({ port: null, protocol: 'tcp' });
  });
});

describe('sockeye port --wait-free', () => {
  it('returns 0 when the holder exits, 1 when the wait runs out', async () => {
    const c = await hold('127.0.0.1', 0);
    const port = String(c.first.port);
    const timedOut = await runCli(['port', port, '--wait-free', '--timeout', '0.5']);
    expect(timedOut.code).toBe(1);
    expect(timedOut.stderr).toMatch(/still in use/);
    const waiting = runCli(['port', port, '--wait-free', '--timeout', '30']);
    let settled = false;
    void waiting.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 1000));
    expect(settled).toBe(false);
    c.child.kill('SIGTERM');
    const r = await waiting;
    expect(r.code).toBe(0);
  });
});
