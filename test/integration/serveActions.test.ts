import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SnapshotSchema, type Snapshot } from '../../src/common/model/model';
import { PiecedMessageAssembler } from '../../src/common/wire/pieces';
import { startServe, type Serve } from '../support/serve';
import { runCli } from '../support/runCli';
import { startLineChild, type LineChild } from '../support/lineChild';

beforeAll(() => {
  process.env.XDG_STATE_HOME = mkdtempSync(join(tmpdir(), 'sockeye-state-'));
});

async function connect(serve: Serve): Promise<WebSocket> {
  const session = await serve.session();
  const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws`, ['sockeye', `sockeye-session.${session}`], {
    headers: { Origin: serve.origin },
  });
  await new Promise((res, rej) => {
    ws.once('open', res);
    ws.once('error', rej);
  });
  return ws;
}

let seq = 0;
function call(
  ws: WebSocket,
  method: string,
  params: unknown,
): Promise<{ result?: unknown; error?: { code: string; message: string } }> {
  const id = ++seq;
  return new Promise((res) => {
    const parts = new PiecedMessageAssembler();
    const onMessage = (data: WebSocket.RawData) => {
      const text = parts.accept(data.toString());
      if (text === null) return;
      const m = JSON.parse(text);
      if (m.id !== id) return;
      ws.off('message', onMessage);
      res(m);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, params }));
  });
}

async function http(serve: Serve, method: string, path: string): Promise<number> {
  const session = await serve.session();
  return new Promise((res, rej) => {
    const body = '{"pid":1}';
    const req = request(
      {
        host: '127.0.0.1',
        port: serve.port,
        method,
        path,
        headers: {
          Origin: serve.origin,
          Authorization: `Bearer ${session}`,
          'Content-Type': 'application/json',
          'Content-Length': body.length,
        },
      },
      (r) => {
        r.resume();
        r.on('end', () => res(r.statusCode!));
      },
    );
    req.on('error', rej);
    req.end(body);
  });
}

async function snapshotOver(ws: WebSocket): Promise<Snapshot> {
  const r = await call(ws, 'snapshot', {});
  return SnapshotSchema.parse(r.result);
}

describe('sockeye serve without --allow-actions', () => {
  let serve: Serve;
  let holder: LineChild;
  beforeAll(async () => {
    serve = await startServe();
    holder = await startLineChild('holdPort.mjs', ['127.0.0.1', '0']);
  });
  afterAll(async () => {
    await holder?.stop();
    await serve?.stop();
  });

  it('refuses every action call, whatever the client sends, and says why', async () => {
    const ws = await connect(serve);
    const snap = await snapshotOver(ws);
    const p = snap.processes.find((x) => x.pid === holder.pid)!;
    const valid = {
      pid: p.pid,
      startedAt: p.startedAt,
      path: p.path,
      label: p.label,
      signal: 'SIGKILL',
      timeoutMs: 1000,
    };
    const calls: [string, unknown][] = [
      ['killProcess', valid],
      ['killProcess', { ...valid, allowActions: true }],
      ['killProcess', 'garbage'],
      ['killProcess', undefined],
      [
        'closeConnections',
        {
          connections: [
            {
              family: 'IPv4',
              localAddress: '127.0.0.1',
              localPort: 1,
              remoteAddress: '127.0.0.1',
              remotePort: 2,
              pid: null,
              label: null,
            },
          ],
        },
      ],
      ['closeConnections', {}],
    ];
    for (const [method, params] of calls) {
      const r = await call(ws, method, params);
      expect(r.error, `${method} ${JSON.stringify(params)}`).toMatchObject({ code: 'FORBIDDEN' });
      expect(r.error!.message).toMatch(/--allow-actions/);
    }
    const info = (await call(ws, 'actionsInfo', {})).result as { allowed: boolean; reason: string };
    expect(info).toMatchObject({ allowed: false, reason: expect.stringMatching(/--allow-actions/) });
    // Reading stays open: the log lists the refusals, with who asked.
    const log = (await call(ws, 'actionLog', {})).result as {
      entries: { outcome: string; requestedBy: string; target: { pid: number | null } }[];
    };
    expect(
      log.entries.filter((e) => e.outcome === 'refused' && e.requestedBy === 'serve client').length,
    ).toBeGreaterThanOrEqual(calls.length);
    expect(log.entries.some((e) => e.target.pid === holder.pid)).toBe(true);
    ws.close();
    expect(holder.child.exitCode).toBeNull();
    expect(holder.child.signalCode).toBeNull();
  });

  it('has no HTTP route that acts', async () => {
    for (const [method, path] of [
      ['POST', `/ws`],
      ['POST', `/killProcess`],
      ['POST', `/api/killProcess`],
      ['PUT', `/api/closeConnections`],
      ['DELETE', `/`],
    ] as const)
      expect(await http(serve, method, path), `${method} ${path}`).toBe(405);
    expect(await http(serve, 'GET', `/api/killProcess`)).toBe(404);
    expect(holder.child.exitCode).toBeNull();
  });
});

describe('sockeye serve --allow-actions', () => {
  let serve: Serve;
  beforeAll(async () => {
    serve = await startServe(['--allow-actions']);
  });
  afterAll(async () => {
    await serve?.stop();
  });

  it('warns that actions are on', () => {
    expect(serve.stderr()).toMatch(/actions are on/);
  });

  it('stops a listener after the identity check; it is gone from the next snapshot', async () => {
    const holder = await startLineChild('holdPort.mjs', ['127.0.0.1', '0']);
    try {
      const port = Number(holder.first.port);
      const ws = await connect(serve);
      const snap = await snapshotOver(ws);
      const p = snap.processes.find((x) => x.pid === holder.pid)!;
      const base = { pid: p.pid, startedAt: p.startedAt, path: p.path, label: p.label, timeoutMs: 5000 };
      // A stale identity (another start time) is refused and nothing is sent.
      const stale = await call(ws, 'killProcess', {
        ...base,
        startedAt: new Date(Date.parse(p.startedAt!) - 3_600_000).toISOString(),
        signal: 'SIGKILL',
      });
      expect(stale.result).toMatchObject({ outcome: 'changed' });
      expect(holder.child.signalCode).toBeNull();
      const r = await call(ws, 'killProcess', { ...base, signal: 'SIGTERM' });
      expect(r.result).toMatchObject({ outcome: 'exited', signal: 'SIGTERM' });
      expect((await holder.exited).signal).toBe('SIGTERM');
      const after = await snapshotOver(ws);
      expect(after.sockets.some((s) => s.localPort === port && s.state === 'LISTEN')).toBe(false);
      const log = (await call(ws, 'actionLog', {})).result as { entries: Record<string, unknown>[] };
      expect(log.entries[0]).toMatchObject({
        action: 'kill',
        requestedBy: 'serve client',
        client: expect.stringMatching(/^ws-/),
        outcome: 'exited',
        target: { pid: p.pid, startedAt: p.startedAt, label: p.label },
      });
      ws.close();
    } finally {
      await holder.stop();
    }
  });

  it('still refuses PID 1 and serve itself', async () => {
    const ws = await connect(serve);
    const one = await call(ws, 'killProcess', {
      pid: 1,
      startedAt: null,
      path: null,
      label: 'init',
      signal: 'SIGTERM',
      timeoutMs: 0,
    });
    expect(one.result).toMatchObject({ outcome: 'refused' });
    const self = await call(ws, 'killProcess', {
      pid: serve.child.pid,
      startedAt: null,
      path: null,
      label: 'sockeye',
      signal: 'SIGKILL',
      timeoutMs: 0,
    });
    expect(self.result).toMatchObject({ outcome: 'refused', message: expect.stringMatching(/Sockeye itself/) });
    ws.close();
  });
});

describe('sockeye serve --snapshot FILE --allow-actions', () => {
  it('never acts on a saved snapshot, whatever the flag says', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sockeye-saved-')), 'saved.json');
    expect((await runCli(['snapshot', '--json', '-o', file])).code).toBe(0);
    const serve = await startServe(['--snapshot', file, '--allow-actions']);
    try {
      expect(serve.stderr()).not.toMatch(/actions are on/);
      const ws = await connect(serve);
      const r = await call(ws, 'killProcess', {
        pid: 12345,
        startedAt: null,
        path: null,
        label: 'x',
        signal: 'SIGTERM',
        timeoutMs: 0,
      });
      expect(r.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/saved snapshot/) });
      const info = (await call(ws, 'actionsInfo', {})).result as { allowed: boolean };
      expect(info.allowed).toBe(false);
      ws.close();
    } finally {
      await serve.stop();
    }
  });
});
