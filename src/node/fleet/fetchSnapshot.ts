/**
 * One host's snapshot from its `sockeye serve`: `GET /v1/snapshot` with the token as a Bearer
 * header, bounded in time (one deadline for connecting, headers and body) and in size (the
 * body is streamed and the request aborted once past the cap), then parsed and validated like
 * a file. Never throws; every failure is one sentence that never holds the token.
 */
import http from 'node:http';
import https from 'node:https';
import { parseSnapshotText } from '../../common/snapshot/openSnapshot';
import type { Snapshot } from '../../common/model/model';

export interface FetchLimits {
  /** The whole exchange, connect to last byte. */
  timeoutMs: number;
  maxBytes: number;
}

export type Fetched = { ok: true; snapshot: Snapshot } | { ok: false; error: string };

const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

function networkMessage(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused (is sockeye serve running there, on that port?)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was reset before the answer was complete';
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_INVALID_VERSION':
      return 'not an HTTP server';
    default:
      return err.code ? `network error (${err.code})` : 'network error';
  }
}

/** What a refusal means; `head` (the body's first bytes) only tells serve's reasons apart, it is never shown. */
function statusMessage(status: number, head: string): string {
  if (status === 401)
    return `the token was refused (HTTP 401): check the ?token= of this source (sockeye serve --token-file)`;
  if (status === 403 && /unexpected Host header/.test(head))
    return 'the server refused the host name of the URL (HTTP 403): use the address or name its sockeye serve --host answers to';
  if (status === 403) return 'the server refused the request (HTTP 403)';
  if (status === 404) return 'not a Sockeye server: it has no /v1/snapshot (HTTP 404)';
  return `the server answered HTTP ${status} instead of a snapshot`;
}

/** The body's parse/validation message, said of an answer rather than a file. */
function bodyMessage(error: string): string {
  return error.replace(/^the file/, 'the answer').replace(/^not a Sockeye snapshot/, 'not a Sockeye server');
}

/** Read the body of `res` up to `maxBytes`; the rest is refused by destroying the request. */
function readBody(
  res: http.IncomingMessage,
  limits: FetchLimits,
  fail: (m: string) => void,
  done: (b: Buffer) => void,
) {
  const length = Number(res.headers['content-length']);
  if (Number.isFinite(length) && length > limits.maxBytes)
    return fail(`the answer is too large (${mb(length)}; the limit per host is ${mb(limits.maxBytes)})`);
  const chunks: Buffer[] = [];
  let total = 0;
  res.on('data', (chunk: Buffer) => {
    total += chunk.length;
    if (total > limits.maxBytes)
      return fail(`the answer is too large (more than ${mb(limits.maxBytes)}: reading stopped there)`);
    chunks.push(chunk);
  });
  res.on('aborted', () => fail(`the answer is truncated at byte ${total}: the connection closed before its end`));
  res.on('error', () => fail(`the answer is truncated at byte ${total}: the connection closed before its end`));
  res.on('end', () => {
    if (Number.isFinite(length) && total < length)
      return fail(`the answer is truncated at byte ${total} of ${length}: the connection closed before its end`);
    done(Buffer.concat(chunks, total));
  });
}

export function fetchSnapshot(url: string, token: string | null, limits: FetchLimits): Promise<Fetched> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (r: Fetched) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(r);
    };
    const fail = (error: string) => settle({ ok: false, error });
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const get = url.startsWith('https:') ? https.get : http.get;
    const req = get(url, { headers, agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        let head = '';
        res.on('data', (d: Buffer) => (head = (head + d.toString('latin1')).slice(0, 512)));
        res.on('end', () => fail(statusMessage(status, head)));
        res.on('error', () => fail(statusMessage(status, head)));
        return;
      }
      const type = String(res.headers['content-type'] ?? '');
      if (/text\/html|application\/xhtml/i.test(type)) {
        res.resume();
        return fail('not a Sockeye server: it answered with an HTML page, not a snapshot');
      }
      readBody(res, limits, fail, (body) => {
        const parsed = parseSnapshotText(body.toString('utf8'), { byteLength: body.length, maxBytes: limits.maxBytes });
        settle(parsed.ok ? parsed : { ok: false, error: bodyMessage(parsed.error) });
      });
    });
    req.on('error', (err) => fail(networkMessage(err as NodeJS.ErrnoException)));
    const timer = setTimeout(
      () => fail(`no complete answer within ${(limits.timeoutMs / 1000).toFixed(limits.timeoutMs < 1000 ? 1 : 0)} s`),
      limits.timeoutMs,
    );
  });
}
