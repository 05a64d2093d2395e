import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotArb } from '../../../support/snapshotArbitraries';
import { FILTER_FIELDS, FilterParseError, filterSnapshot, parseFilter } from '../../../../src/common/filter';

const snapshots = snapshotArb({
  maxSockets: 30,
  pids: [1, 2, 3, 4],
  edges: [{ clientPid: 1, serverPid: 2, protocol: 'tcp', port: 80, count: 1 }],
});

/** Valid terms from the help examples plus words, so the generated filters mostly parse. */
const termArb = fc.oneof(
  fc.constantFrom(...FILTER_FIELDS.flatMap((f) => f.examples)),
  fc.constantFrom(
    'node',
    '"node a"',
    '127.0.0.1',
    'addr:::1',
    'addr:::ffff:0:0/96',
    'user:0',
    'role:none',
    'side:none',
    'proc:*',
    'pid:1-2',
  ),
);
const exprArb: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    termArb,
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `${a} ${b}`),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => `(${a}) OR (${b})`),
    tie('e').map((a) => `-(${a})`),
    tie('e').map((a) => `NOT (${a})`),
  ),
})).e;

/** Strings made of the language's own pieces, so the fuzzing reaches deep into the parser. */
const noiseArb = fc
  .array(
    fc.constantFrom(
      '(',
      ')',
      '"',
      '-',
      '!',
      ' ',
      'OR',
      'AND',
      'NOT',
      ':',
      ',',
      '/',
      '\\',
      'port',
      'addr',
      'state',
      'prot',
      '80',
      '8000-',
      '::1',
      'fe80::/1',
      'listen',
      '*',
      '?',
      '%',
      'x',
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

describe('filter language properties', () => {
  it('parsing any string throws nothing but FilterParseError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), noiseArb, exprArb), (s) => {
        try {
          parseFilter(s);
        } catch (err) {
          if (!(err instanceof FilterParseError)) throw err;
          expect(err.position).toBeGreaterThanOrEqual(0);
          expect(err.end).toBeGreaterThanOrEqual(err.position);
          expect(err.position).toBeLessThanOrEqual(s.length);
        }
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('filtering returns a subset, in order, without duplicates, and never fails on a valid filter', () => {
    fc.assert(
      fc.property(snapshots, exprArb, (snap, expr) => {
        const out = filterSnapshot(snap, parseFilter(expr));
        expect(new Set(out.sockets).size).toBe(out.sockets.length);
        let last = -1;
        for (const s of out.sockets) {
          const i = snap.sockets.indexOf(s);
          expect(i).toBeGreaterThan(last);
          last = i;
        }
        expect(new Set(out.processes).size).toBe(out.processes.length);
        for (const p of out.processes) expect(snap.processes).toContain(p);
        for (const e of out.edges) expect(snap.edges).toContain(e);
        expect(out.interfaces).toBe(snap.interfaces);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('NOT x and x split the sockets: together all of them, never one in both', () => {
    fc.assert(
      fc.property(snapshots, exprArb, (snap, expr) => {
        const yes = new Set(filterSnapshot(snap, parseFilter(expr)).sockets);
        const no = new Set(filterSnapshot(snap, parseFilter(`NOT (${expr})`)).sockets);
        for (const s of snap.sockets) expect(yes.has(s) !== no.has(s)).toBe(true);
        expect(yes.size + no.size).toBe(snap.sockets.length);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('x OR y keeps exactly the union, x y exactly the intersection', () => {
    fc.assert(
      fc.property(snapshots, exprArb, exprArb, (snap, x, y) => {
        const a = new Set(filterSnapshot(snap, parseFilter(x)).sockets);
        const b = new Set(filterSnapshot(snap, parseFilter(y)).sockets);
        const or = filterSnapshot(snap, parseFilter(`(${x}) OR (${y})`)).sockets;
        const and = filterSnapshot(snap, parseFilter(`(${x}) (${y})`)).sockets;
        expect(or).toEqual(snap.sockets.filter((s) => a.has(s) || b.has(s)));
        expect(and).toEqual(snap.sockets.filter((s) => a.has(s) && b.has(s)));
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
