/**
 * The compiled snapshot schema (z.compile, ADR 0075) must be the schema: for random and mutated
 * documents it accepts and refuses exactly what the runtime SnapshotSchema does, with the same
 * output (key order included) and the same issues (the message the user reads comes from the
 * first). A refusal by the compiler would silently leave the runtime in place: checked too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SnapshotSchema, type Socket } from '../../../../src/common/model/model';
import { snapshotSchema, validateSnapshot } from '../../../../src/common/snapshot/openSnapshot';
import { sampleSnapshot } from '../../../support/sampleSnapshot';

const scope = fc.constantFrom('loopback', 'private', 'public', 'link-local', 'unique-local');
const port = fc.integer({ min: 0, max: 65535 });
const count = fc.oneof(fc.nat(), fc.double({ min: 0, max: 1e12, noNaN: true }));

const socket: fc.Arbitrary<Socket> = fc.record(
  {
    protocol: fc.constantFrom('tcp', 'udp'),
    family: fc.constantFrom('IPv4', 'IPv6'),
    localAddress: fc.constantFrom('10.0.0.1', '::1', '0.0.0.0'),
    localPort: port,
    remoteAddress: fc.option(fc.constantFrom('10.0.0.2', '203.0.113.9')),
    remotePort: fc.option(port),
    state: fc.option(fc.constantFrom('LISTEN', 'ESTABLISHED', 'TIME_WAIT', 'UNCONN', 'CONNECTED')),
    pid: fc.option(fc.integer({ min: 1, max: 1 << 22 })),
    pids: fc.array(fc.integer({ min: 1, max: 1 << 22 }), { maxLength: 3 }),
    uid: fc.option(fc.nat()),
    user: fc.option(fc.string({ maxLength: 8 })),
    recvQ: fc.nat(),
    sendQ: fc.nat(),
    side: fc.option(fc.constantFrom('server', 'client')),
    localScope: scope,
    remoteScope: fc.option(scope),
    service: fc.option(fc.constantFrom('http', 'ssh')),
    serviceHint: fc.constantFrom('omniorb'),
    portClass: fc.option(fc.constantFrom('system', 'registered', 'dynamic')),
    bytesSent: fc.option(count),
    bytesReceived: fc.option(count),
    bytesRetransmitted: fc.option(count),
    rttMs: fc.option(count),
    sendRate: fc.option(count),
    receiveRate: fc.option(count),
    netns: fc.option(fc.nat()),
  },
  {
    requiredKeys: [
      'protocol',
      'family',
      'localAddress',
      'localPort',
      'remoteAddress',
      'remotePort',
      'state',
      'pid',
      'uid',
      'side',
      'localScope',
      'remoteScope',
      'service',
      'portClass',
    ],
  },
) as fc.Arbitrary<Socket>;

/** Values a corrupt or hostile host may put anywhere. */
const hostile = fc.constantFrom<unknown>(
  null,
  undefined,
  -1,
  -0,
  1.5,
  65536,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  '1',
  'LISTEN',
  'tcp',
  'IPv4',
  'private',
  true,
  [],
  [1.5],
  {},
  { pid: 1 },
);

type Mutation = { key: string; op: 'set'; value: unknown } | { key: string; op: 'delete' };
const keys = fc.constantFrom(...Object.keys(SnapshotSchema.shape.sockets.element.shape), '__proto__', 'extra');
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ key: keys, op: fc.constant('set' as const), value: hostile }),
  fc.record({ key: keys, op: fc.constant('delete' as const) }),
);

function mutate(row: Socket, ms: Mutation[]): unknown {
  const r: Record<string, unknown> = { ...row };
  for (const m of ms)
    if (m.op === 'delete') delete r[m.key];
    else Object.defineProperty(r, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
  return r;
}

function sameAnswer(doc: unknown): boolean {
  const runtime = SnapshotSchema.safeParse(doc);
  const compiled = snapshotSchema().safeParse(doc);
  expect(compiled.success).toBe(runtime.success);
  if (runtime.success && compiled.success) {
    expect(compiled.data).toStrictEqual(runtime.data);
    expect(JSON.stringify(compiled.data)).toBe(JSON.stringify(runtime.data));
  } else expect(compiled.error!.issues).toEqual(runtime.error!.issues);
  return runtime.success;
}

const docWith = (sockets: unknown[]) => ({ ...sampleSnapshot(), sockets });

describe('the compiled snapshot schema (z.compile)', () => {
  it('is compiled, not the runtime schema handed back', () => {
    expect(snapshotSchema()).not.toBe(SnapshotSchema);
  });

  it('accepts and outputs what the runtime does for random valid rows', () => {
    fc.assert(
      fc.property(fc.array(socket, { maxLength: 6 }), (rows) => {
        expect(sameAnswer(docWith(rows))).toBe(true);
      }),
      { numRuns: 300, endOnFailure: true },
    );
  });

  it('accepts and refuses what the runtime does for mutated rows, with the same issues', () => {
    const seen = { accepted: 0, refused: 0 };
    const mutated = fc
      .tuple(socket, fc.array(mutation, { minLength: 1, maxLength: 3 }))
      .map(([r, ms]) => mutate(r, ms));
    fc.assert(
      fc.property(fc.array(socket, { maxLength: 3 }), mutated, fc.nat(3), (rows, bad, at) => {
        rows.splice(Math.min(at, rows.length), 0, bad as Socket);
        seen[sameAnswer(docWith(rows)) ? 'accepted' : 'refused']++;
      }),
      { numRuns: 1000, endOnFailure: true },
    );
    // Both sides of the line were exercised (extra keys and dropped optional ones pass).
    expect(seen.accepted).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(50);
  });

  it('answers the same for rows that are not objects, and for a broken document around them', () => {
    for (const row of [null, 1, 'x', [], [1], true]) sameAnswer(docWith([row]));
    fc.assert(
      fc.property(
        fc.constantFrom('host', 'processes', 'takenAt', 'interfaces', 'edges', 'warnings'),
        hostile,
        (k, v) => {
          sameAnswer({ ...sampleSnapshot(), [k]: v });
        },
      ),
      { numRuns: 200, endOnFailure: true },
    );
  });

  it('keeps the user-facing message of a bad row', () => {
    const r = validateSnapshot(docWith([{ ...sampleSnapshot().sockets[0], localPort: 70000 }]));
    expect(r).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid snapshot: field sockets\[0\]\.localPort: /),
    });
  });
});
