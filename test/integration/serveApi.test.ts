/**
 * The read-only API of `sockeye serve` (issue 16 §2): the API token (printed, or from a token
 * file made 0600 and reused), GET /v1/snapshot and GET /metrics behind it, against a real serve
 * and a real listener of a child process.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotSchema } from '../../src/common/model/model';
import { startLineChild, type LineChild } from '../support/lineChild';
import { runCli } from '../support/runCli';
import { startServe, type Serve } from '../support/serve';

let dir: string;
let holder: LineChild;
let holderPort: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sockeye-api-'));
  holder = await startLineChild('holdPort.mjs', ['127.0.0.1', '0']);
  holderPort = holder.first.port as number;
});
afterAll(async () => {
  await holder?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const get = (serve: Serve, path: string, headers: Record<string, string> = {}) =>
  fetch(`${serve.origin}${path}`, { headers });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('the API token', () => {
  it('is printed on a line of its own after the link when no token file is named', async () => {
    const serve = await startServe();
    try {
      expect(serve.links[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?code=/);
      expect(serve.apiToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await get(serve, '/v1/snapshot', bearer(serve.apiToken!))).status).toBe(200);
      // The browser's one-time code and a session are not the API token.
      expect((await get(serve, '/v1/snapshot', bearer(serve.code))).status).toBe(401);
      expect((await get(serve, '/v1/snapshot', bearer(await serve.session()))).status).toBe(401);
    } finally {
      await serve.stop();
    }
  });

  it('is written to a new token file with mode 0600, reused on restart, and not printed', async () => {
    const file = join(dir, 'token');
    const first = await startServe(['--token-file', file]);
    let token: string;
    try {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      token = readFileSync(file, 'utf8').trim();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(first.apiToken).toBeNull();
      expect(first.stderr()).toContain(`written to a new file (mode 0600) ${file}`);
      expect((await get(first, '/metrics', bearer(token))).status).toBe(200);
    } finally {
      await first.stop();
    }
    const second = await startServe(['--token-file', file]);
    try {
      expect(readFileSync(file, 'utf8').trim()).toBe(token);
      expect(second.stderr()).toContain(`read from ${file}`);
      expect((await get(second, '/v1/snapshot', bearer(token))).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('takes a token someone wrote (whitespace trimmed); refuses files open to others, empty, short or linked', async () => {
    const mine = join(dir, 'mine');
    writeFileSync(mine, '  my-own-token-of-enough-length \n\n', { mode: 0o600 });
    const serve = await startServe(['--token-file', mine]);
    try {
      expect((await get(serve, '/metrics', bearer('my-own-token-of-enough-length'))).status).toBe(200);
    } finally {
      await serve.stop();
    }
    const cases: [string, (f: string) => void, RegExp][] = [
      [
        'open',
        (f) => (writeFileSync(f, 'x'.repeat(40)), chmodSync(f, 0o644)),
        /open to others \(mode 0644\): run chmod 600/,
      ],
      ['empty', (f) => writeFileSync(f, '\n', { mode: 0o600 }), /is empty/],
      ['short', (f) => writeFileSync(f, 'abc', { mode: 0o600 }), /too short \(3 characters; at least 16\)/],
      ['two', (f) => writeFileSync(f, 'a'.repeat(20) + ' ' + 'b'.repeat(20), { mode: 0o600 }), /more than one token/],
      ['link', (f) => symlinkSync(mine, f), /symbolic link/],
    ];
    for (const [name, make, message] of cases) {
      const f = join(dir, name);
      make(f);
      const r = await runCli(['serve', '--port', '0', '--token-file', f]);
      expect(r.code, name).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    const r = await runCli(['serve', '--port', '0', '--token-file', join(dir, 'no/such/dir/token')]);
    expect(r.stderr).toMatch(/its folder does not exist/);
  });
});

describe('GET /v1/snapshot and /metrics', () => {
  let serve: Serve;
  beforeAll(async () => {
    serve = await startServe();
  });
  afterAll(async () => {
    await serve?.stop();
  });

  it('401 with WWW-Authenticate: Bearer without the token or with a wrong one', async () => {
    for (const path of ['/v1/snapshot', '/metrics']) {
      for (const headers of [{}, bearer('wrong'), bearer(serve.apiToken! + 'x'), { Authorization: serve.apiToken! }]) {
        const res = await get(serve, path, headers);
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="sockeye"/);
        expect(await res.text()).not.toContain(serve.apiToken!);
      }
      // The token in the URL is not a credential: it would end up in logs and history.
      expect((await get(serve, `${path}?token=${serve.apiToken}`)).status).toBe(401);
    }
  });

  it('serves the snapshot document with a stable host.id and the child’s listener', async () => {
    const res = await get(serve, '/v1/snapshot', bearer(serve.apiToken!));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const snap = SnapshotSchema.parse(await res.json());
    expect(snap.schema).toBe('sockeye.snapshot/1');
    expect(snap.host.id).toMatch(/^[0-9a-f]{16}$/);
    const listener = snap.sockets.find((s) => s.localPort === holderPort && s.state === 'LISTEN');
    expect(listener?.pid).toBe(holder.pid);
    const again = SnapshotSchema.parse(await (await get(serve, '/v1/snapshot', bearer(serve.apiToken!))).json());
    expect(again.host.id).toBe(snap.host.id);
    // The CLI's document carries the same id, and so does another serve.
    const cli = SnapshotSchema.parse(JSON.parse((await runCli(['snapshot', '--json'])).stdout));
    expect(cli.host.id).toBe(snap.host.id);
    const other = await startServe();
    try {
      const third = SnapshotSchema.parse(await (await get(other, '/v1/snapshot', bearer(other.apiToken!))).json());
      expect(third.host.id).toBe(snap.host.id);
    } finally {
      await other.stop();
    }
  });

  it('serves Prometheus text with the child’s listener, and OpenMetrics when asked', async () => {
    const res = await get(serve, '/metrics', bearer(serve.apiToken!));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    expect(text).toMatch(
      new RegExp(
        `^sockeye_listener_info\\{process="[^"]*",port="${holderPort}",protocol="tcp",exposure="this machine only",service=""\\} 1$`,
        'm',
      ),
    );
    expect(text).toContain('# TYPE sockeye_listener_info gauge');
    expect(text).toMatch(/^sockeye_snapshot_duration_seconds \d/m);
    expect(text).not.toContain(`${holder.pid}`);
    const om = await get(serve, '/metrics', {
      ...bearer(serve.apiToken!),
      Accept: 'application/openmetrics-text; version=1.0.0',
    });
    expect(om.headers.get('content-type')).toBe('application/openmetrics-text; version=1.0.0; charset=utf-8');
    const omText = await om.text();
    expect(omText).toContain('# TYPE sockeye_listener info');
    expect(omText).toMatch(new RegExp(`^sockeye_listener_info\\{[^}]*port="${holderPort}"`, 'm'));
    expect(omText.endsWith('# EOF\n')).toBe(true);
  });

  it('refuses other methods and foreign Origins; HEAD gets the headers only', async () => {
    const post = await fetch(`${serve.origin}/metrics`, { method: 'POST', headers: bearer(serve.apiToken!) });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const foreign = await get(serve, '/v1/snapshot', { ...bearer(serve.apiToken!), Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const head = await fetch(`${serve.origin}/v1/snapshot`, { method: 'HEAD', headers: bearer(serve.apiToken!) });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(100);
  });
});
