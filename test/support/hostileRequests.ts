/** Random HTTP request parts for the serve fuzz (test/integration/serveHardening.test.ts, bench/serveFuzzBench.ts). */
import fc from 'fast-check';

/** Request targets: any mix of URL syntax, escapes and junk, plus the known killers. */
export const target = fc.oneof(
  fc.constantFrom(
    '//',
    '//[',
    '//a:99999',
    'http://[',
    '/ws',
    '/session',
    '/?code=',
    '/ws?token=%zz',
    '/metrics',
    '/v1/snapshot',
    '/v1/snapshot?token=%zz',
  ),
  fc
    .array(
      fc.constantFrom(...'/?#[]:@%!$&\'()*+,;=aZ09.-_~\\"<>{}|^`'.split(''), 'ws', 'zz', '%zz', '%2e', 'é', '\u202e'),
      {
        maxLength: 24,
      },
    )
    .map((cs) => cs.join('')),
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[\r\n ]/g, '')),
);
const headerValue = fc.string({ maxLength: 60 }).map((s) => s.replace(/[\r\n]/g, ''));
export const headers = fc.array(
  fc.tuple(
    fc.constantFrom('Cookie', 'Origin', 'Host', 'Authorization', 'Sec-WebSocket-Protocol', 'X-Any', 'Accept', 'Range'),
    fc.oneof(
      headerValue,
      fc.constantFrom('sockeye_token=%zz', 'Bearer %zz', 'Bearer ', 'sockeye, sockeye-session.', 'null', 'http://['),
    ),
  ),
  { maxLength: 5 },
);
export const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'DELETE');

/** Authorization header values: malformed Bearer credentials and other schemes (GET /v1/snapshot, /metrics). */
export const authorization = fc.oneof(
  fc.constantFrom(
    '',
    'Bearer',
    'Bearer ',
    'Bearer  ',
    'bearer x',
    'Basic Zm9vOmJhcg==',
    'Bearer a b',
    'Bearer %zz',
    'Bearer \u00ff',
  ),
  fc.string({ maxLength: 80 }).map((s) => 'Bearer ' + s.replace(/[\r\n]/g, '')),
  fc.string({ maxLength: 80 }).map((s) => s.replace(/[\r\n]/g, '')),
  fc.uint8Array({ maxLength: 60 }).map(
    (b) =>
      'Bearer ' +
      Buffer.from(b)
        .toString('latin1')
        .replace(/[\r\n]/g, ''),
  ),
);
