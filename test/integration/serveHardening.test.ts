/**
 * One request must never stop `sockeye serve` (issue 18 §1): malformed request targets, cookies
 * and headers, before and after authentication, on plain HTTP and on the WebSocket upgrade. Each
 * answer is checked, then a good request must still be answered.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type Serve } from '../support/serve';
import { rawRequest, requestHead } from '../support/rawHttp';
import { authorization, headers, method, target } from '../support/hostileRequests';

let serve: Serve;
let session: string;
let tried = 0;
beforeAll(async () => {
  serve = await startServe();
  session = await serve.session();
});
afterAll(async () => {
  expect(serve.child.exitCode).toBeNull();
  await serve?.stop();
  process.stdout.write(`serve hardening: ${tried} hostile requests tried, serve still up\n`);
});

const host = () => `127.0.0.1:${serve.port}`;
const UPGRADE: [string, string][] = [
  ['Connection', 'Upgrade'],
  ['Upgrade', 'websocket'],
  ['Sec-WebSocket-Version', '13'],
  ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
];

/** The good request: the page, answered 200, and the server process still running. */
async function stillServing(): Promise<void> {
  const status = await rawRequest(serve.port, requestHead('GET', '/', [['Host', host()]]));
  expect(status, `serve stopped answering; stderr: ${serve.stderr()}`).toBe(200);
  expect(serve.child.exitCode).toBeNull();
}

describe('sockeye serve before authentication', () => {
  it.each(['//', '//[', '//a:99999', 'http://[', 'http://a:99999/', '*', '/%zz', '/?code=%zz', '//ws', '\\\\'])(
    'answers the request target %j and goes on (HTTP and WebSocket upgrade)',
    async (target) => {
      tried += 2;
      const http = await rawRequest(serve.port, requestHead('GET', target, [['Host', host()]]));
      // The page itself may be the answer (`/?code=%zz` is the UI with a bad code); any answer will do.
      expect(http === 200 || (http !== null && http >= 400)).toBe(true);
      const ws = await rawRequest(serve.port, requestHead('GET', target, [['Host', host()], ...UPGRADE]));
      expect(ws).toBeGreaterThanOrEqual(400);
      await stillServing();
    },
  );

  it('answers a malformed cookie on GET and on the upgrade (a page on another port can plant one)', async () => {
    for (const cookie of ['sockeye_token=%zz', 'sockeye_token=%', 'a=%E0%A4%A', '=;;=;%zz']) {
      tried += 2;
      expect(
        await rawRequest(
          serve.port,
          requestHead('GET', '/', [
            ['Host', host()],
            ['Cookie', cookie],
          ]),
        ),
      ).toBe(200);
      const ws = await rawRequest(
        serve.port,
        requestHead('GET', '/ws', [['Host', host()], ['Cookie', cookie], ...UPGRADE]),
      );
      expect(ws).toBe(401);
    }
    await stillServing();
  });

  it('answers hostile POST /session bodies with 401 or 400', async () => {
    for (const body of ['', '{', 'null', '[]', '{"code":{}}', '{"code":"%zz"}', 'x'.repeat(5000)]) {
      tried++;
      const head = requestHead('POST', '/session', [
        ['Host', host()],
        ['Content-Type', 'application/json'],
        ['Content-Length', String(Buffer.byteLength(body))],
      ]);
      const status = await rawRequest(serve.port, head + body);
      expect([400, 401]).toContain(status ?? 401); // a too-long body may be cut off unanswered
    }
    await stillServing();
  });
});

async function hostileRequest(t: string, hs: [string, string][], m: string, upgrade: boolean, auth: boolean) {
  tried++;
  const base: [string, string][] = hs.some(([k]) => k === 'Host') ? [] : [['Host', host()]];
  const extra: [string, string][] = auth ? [['Authorization', `Bearer ${session}`]] : [];
  const head = requestHead(m, t, [...base, ...extra, ...hs, ...(upgrade ? UPGRADE : [])]);
  await rawRequest(serve.port, head, 1000);
  await stillServing();
}

describe('sockeye serve under thousands of random requests (fast-check)', () => {
  it('keeps answering after each random target, headers and cookies, pre-auth', async () => {
    await fc.assert(
      fc.asyncProperty(target, headers, method, fc.boolean(), (t, hs, m, up) => hostileRequest(t, hs, m, up, false)),
      { numRuns: 1500 },
    );
  });

  it('keeps answering after each random target, headers and cookies, with a valid session', async () => {
    await fc.assert(
      fc.asyncProperty(target, headers, method, fc.boolean(), (t, hs, m, up) => hostileRequest(t, hs, m, up, true)),
      { numRuns: 1500 },
    );
  });
});

describe('the read-only API under random Authorization headers (fast-check)', () => {
  it('answers 401 (or 400 for a header HTTP cannot carry) to every malformed or wrong credential, and goes on', async () => {
    const token = serve.apiToken!;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/v1/snapshot', '/metrics'), authorization, async (path, auth) => {
        fc.pre(auth !== `Bearer ${token}`);
        tried++;
        const status = await rawRequest(
          serve.port,
          requestHead('GET', path, [
            ['Host', host()],
            ['Authorization', auth],
          ]),
        );
        expect([400, 401], `${path} with ${JSON.stringify(auth)}`).toContain(status);
      }),
      { numRuns: 600 },
    );
    const good = await rawRequest(
      serve.port,
      requestHead('GET', '/metrics', [
        ['Host', host()],
        ['Authorization', `Bearer ${token}`],
      ]),
      10_000,
    );
    expect(good).toBe(200);
    await stillServing();
  });
});
