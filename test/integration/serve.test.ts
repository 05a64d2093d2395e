import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SnapshotSchema } from '../../src/common/model/model';
import { exchangeCode, startServe, type Serve } from '../support/serve';
import { PIECE_CHARS, PiecedMessageAssembler } from '../../src/common/wire/pieces';
import { busySnapshot } from '../support/syntheticSnapshot';

let serve: Serve;
let session: string;
beforeAll(async () => {
  serve = await startServe();
  session = await serve.session();
});
afterAll(async () => {
  await serve?.stop();
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((res, rej) => {
    const req = request({ host: '127.0.0.1', port: serve.port, path, headers }, (r) => {
      let body = '';
      r.setEncoding('utf8').on('data', (d) => (body += d));
      r.on('end', () => res({ status: r.statusCode!, headers: r.headers, body }));
    });
    req.on('error', rej);
    req.end();
  });
}

/** Opens a WebSocket with a session (a subprotocol, as browsers send it); resolves once open, or with the refusing HTTP status. */
function openWs(
  credential: string | null,
  headers: Record<string, string> = {},
  path = '/ws',
): Promise<WebSocket | number> {
  return new Promise((res) => {
    const protocols = credential === null ? [] : ['sockeye', `sockeye-session.${credential}`];
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}${path}`, protocols, { headers });
    ws.once('open', () => res(ws));
    ws.once('unexpected-response', (_req, r) => res(r.statusCode!));
    ws.once('error', () => {});
  });
}

function call(ws: WebSocket, msg: unknown): Promise<Record<string, unknown>> {
  return new Promise((res) => {
    // A busy host's snapshot comes in pieces (src/common/wire/pieces.ts).
    const assembler = new PiecedMessageAssembler();
    const onMessage = (data: WebSocket.RawData) => {
      const text = assembler.accept(data.toString());
      if (text === null) return;
      const m = JSON.parse(text);
      if ('event' in m) return;
      ws.off('message', onMessage);
      res(m);
    };
    ws.on('message', onMessage);
    ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  });
}

describe('sockeye serve', () => {
  it('prints a link bound to 127.0.0.1 with an unguessable one-time code', () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?code=[A-Za-z0-9_-]{43}$/);
  });

  it('serves the UI with security headers and never sets a cookie', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.body).toContain('<div id="root">');
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(r.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['set-cookie']).toBeUndefined();
    const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(r.body)![1]!;
    const a = await get(`/${asset}`);
    expect(a.status).toBe(200);
    expect(a.headers['set-cookie']).toBeUndefined();
  });

  it('trades a code once: the second try, a wrong code and a cookie are refused', async () => {
    const other = await startServe();
    try {
      const first = await exchangeCode(other.origin, other.code);
      expect(typeof first).toBe('string');
      expect(await exchangeCode(other.origin, other.code)).toBe(401); // the link in history is spent
      expect(await exchangeCode(other.origin, 'x'.repeat(43))).toBe(401);
      // A fresh link is printed for the next browser, and it works once too.
      const next = await other.freshUrl();
      expect(next).not.toBe(other.url);
      expect(typeof (await exchangeCode(other.origin, new URL(next).searchParams.get('code')!))).toBe('string');
      expect(other.stderr()).toContain('for another tab or browser use');
    } finally {
      await other.stop();
    }
  });

  it('answers 401 to a WebSocket without a session, with a wrong one, or with the old token in a cookie or query', async () => {
    expect(await openWs(null)).toBe(401);
    expect(await openWs('nope')).toBe(401);
    expect(await openWs(`${session.slice(0, -1)}x`)).toBe(401);
    expect(await openWs(null, { Cookie: `sockeye_token=${session}` })).toBe(401);
    expect(await openWs(null, {}, `/ws?token=${session}`)).toBe(401);
    expect(await openWs(serve.code)).toBe(401); // a code is not a session
    const bearer = await openWs(null, { Authorization: `Bearer ${session}` });
    expect(bearer).toBeInstanceOf(WebSocket);
    (bearer as WebSocket).close();
  });

  it('answers 403 to a foreign Host header (DNS rebinding), even with a session', async () => {
    expect((await get('/', { Host: `evil.example:${serve.port}` })).status).toBe(403);
    expect((await get('/', { Host: `localhost:${serve.port}` })).status).toBe(200);
    expect(await openWs(session, { Host: `evil.example:${serve.port}` })).toBe(403);
  });

  it('refuses a WebSocket from a foreign Origin', async () => {
    expect(await openWs(session, { Origin: 'http://evil.example' })).toBe(403);
    const ok = await openWs(session, { Origin: serve.origin });
    expect(ok).toBeInstanceOf(WebSocket);
    expect((ok as WebSocket).protocol).toBe('sockeye'); // never echoes the credential
    (ok as WebSocket).close();
  });

  it('never serves files outside the UI folder', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/..%2f..%2fpackage.json',
      '/assets/../../cli/sockeye.mjs',
    ]) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
    }
  });

  it('answers a snapshot call with a valid snapshot, and survives malformed and hostile messages', async () => {
    const ws = (await openWs(session)) as WebSocket;
    const bad = await call(ws, 'this is not json');
    expect(bad).toMatchObject({ id: null, error: { code: 'BAD_REQUEST' } });
    const unknown = await call(ws, { id: 1, method: 'rm -rf', params: {} });
    expect(unknown).toMatchObject({ id: 1, error: { code: 'BAD_REQUEST' } });
    const badParams = await call(ws, { id: 2, method: 'snapshot', params: { evil: true } });
    expect(badParams).toMatchObject({ id: 2, error: { code: 'BAD_REQUEST' } });
    const ok = await call(ws, { id: 3, method: 'snapshot', params: {} });
    expect(ok.id).toBe(3);
    expect(SnapshotSchema.safeParse(ok.result).success).toBe(true);
    ws.close();
  });

  it('closes a connection that sends an oversized message, and keeps serving others', async () => {
    const ws = (await openWs(session)) as WebSocket;
    const closed = new Promise<number>((res) => ws.once('close', (code) => res(code)));
    ws.send('x'.repeat(200 * 1024));
    expect(await closed).toBe(1009); // message too big
    expect((await get('/')).status).toBe(200);
  });

  it('pushes live snapshots and deltas to a subscriber', async () => {
    const ws = (await openWs(session)) as WebSocket;
    const events: { type: string }[] = [];
    const assembler = new PiecedMessageAssembler();
    ws.on('message', (d) => {
      const text = assembler.accept(d.toString());
      if (text === null) return;
      const m = JSON.parse(text);
      if (m.event) events.push(m.event);
    });
    const r = await call(ws, { id: 1, method: 'live', params: { enabled: true, intervalMs: 250 } });
    expect(r).toEqual({ id: 1, result: { enabled: true, intervalMs: 250 } });
    await new Promise((res) => setTimeout(res, 1500));
    ws.close();
    expect(events[0]?.type).toBe('snapshot');
    expect(events.slice(1).some((e) => e.type === 'delta')).toBe(true);
  });

  it('stops cleanly on Ctrl-C (SIGINT) with exit code 0', async () => {
    const other = await startServe();
    expect(await other.stop()).toBe(0);
  });
});

describe('sockeye serve, a big snapshot', () => {
  it('sends it as a pieced message (a header and raw pieces) that join into the whole, valid snapshot', async () => {
    const saved = busySnapshot(300, 6000, 150);
    const file = join(mkdtempSync(join(tmpdir(), 'sockeye-pieces-')), 'big.json');
    writeFileSync(file, JSON.stringify(saved));
    const big = await startServe(['--snapshot', file]);
    try {
      const credential = await big.session();
      const ws = await new Promise<WebSocket>((res, rej) => {
        const w = new WebSocket(`ws://127.0.0.1:${big.port}/ws`, {
          headers: { Authorization: `Bearer ${credential}` },
        });
        w.once('open', () => res(w));
        w.once('error', rej);
      });
      const messages: string[] = [];
      const whole = await new Promise<string>((res) => {
        const assembler = new PiecedMessageAssembler();
        ws.on('message', (d) => {
          messages.push(d.toString());
          const text = assembler.accept(d.toString());
          if (text !== null) res(text);
        });
        ws.send(JSON.stringify({ id: 1, method: 'snapshot', params: {} }));
      });
      ws.close();
      expect(messages[0]).toMatch(/^\{"pieces":\d+\}$/);
      expect(messages.length).toBeGreaterThan(2);
      expect(messages.slice(1).every((m) => m.length <= PIECE_CHARS)).toBe(true);
      const m = JSON.parse(whole) as { id: number; result: unknown };
      expect(m.id).toBe(1);
      expect(SnapshotSchema.parse(m.result)).toEqual(SnapshotSchema.parse(saved));
    } finally {
      await big.stop();
    }
  });
});
