import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberIndex } from '../../../../src/common/derive/numberIndex';

describe('NumberIndex (the typed index behind socket owners and loopback pairing)', () => {
  it('answers like a Map for inode-like and port-pair keys, colliding ones included', () => {
    const key = fc.oneof(
      fc.integer({ min: 1, max: 2 ** 32 - 1 }), // inodes, port pairs
      fc.constantFrom(2 ** 32, 2 ** 32 + 7, 2 ** 40 + 7, 7, 18446744073), // equal low 32 bits: same slot, different keys
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, fc.nat(4_000_000)), { maxLength: 300 }),
        fc.array(key, { maxLength: 50 }),
        (pairs, probes) => {
          const index = new NumberIndex(pairs.length);
          const map = new Map<number, number>();
          for (const [k, v] of pairs) {
            expect(index.set(k, v)).toBe(map.get(k) ?? -1);
            map.set(k, v);
          }
          expect(index.size).toBe(map.size);
          for (const k of [...map.keys(), ...probes]) {
            expect(index.get(k)).toBe(map.get(k) ?? -1);
            expect(index.has(k)).toBe(map.has(k));
          }
        },
      ),
    );
  });

  it('holds as many keys as it was sized for, and says so when asked for more', () => {
    const index = new NumberIndex(1000);
    for (let k = 1; k <= 1000; k++) index.set(k * 65536 + 7, k);
    expect(index.size).toBe(1000);
    expect(index.get(500 * 65536 + 7)).toBe(500);
    const tiny = new NumberIndex(1);
    expect(() => {
      for (let k = 1; k <= 100; k++) tiny.set(k, k);
    }).toThrow(/full/);
  });
});
