import { describe, expect, it } from 'vitest';
import { diffKeys, NO_CHANGES } from '../../../../src/renderer/src/state/useSnapshot';
import { sampleSnapshot, sock } from '../../../support/sampleSnapshot';

describe('first seen, in live mode', () => {
  it('stamps each socket with the snapshot it first appeared in, and the first ones as "at or before"', () => {
    const a = { ...sampleSnapshot(), takenAt: '2026-12-01T10:00:00.000Z' };
    const first = diffKeys(null, a, Date.parse(a.takenAt), NO_CHANGES);
    const t0 = Date.parse(a.takenAt);
    expect(first.seenSince).toBe(t0);
    expect([...first.firstSeen!.values()].every((t) => t === t0)).toBe(true);

    const b = { ...a, takenAt: '2026-12-01T10:00:05.000Z', sockets: [...a.sockets, sock({ localPort: 9999 })] };
    const second = diffKeys(a, b, Date.parse(b.takenAt), first);
    const keyOfNew = second.keyOf!.get(b.sockets.at(-1)!)!;
    expect(second.firstSeen!.get(keyOfNew)).toBe(Date.parse(b.takenAt));
    expect(second.firstSeen!.get(second.keyOf!.get(b.sockets[0]!)!)).toBe(t0);
    expect(second.seenSince).toBe(t0);

    const c = { ...b, takenAt: '2026-12-01T10:00:10.000Z', sockets: a.sockets };
    const third = diffKeys(b, c, Date.parse(c.takenAt), second);
    expect(third.firstSeen!.has(keyOfNew)).toBe(false);
  });
});
