import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportSnapshot, exportSnapshotPieces } from '../../../../src/common/export/exportSnapshot';
import { snapshotJsonPieces, snapshotToJson } from '../../../../src/common/export/json';
import { parseSnapshotText } from '../../../../src/common/snapshot/openSnapshot';
import { snapshotArb } from '../../../support/snapshotArbitraries';
import { HOSTILE_NAME, sampleSnapshot } from '../../../support/sampleSnapshot';

describe('compact JSON in pieces (what `sockeye snapshot --json` writes to a pipe)', () => {
  it('joins to exactly the one-piece document, whatever the piece size', () => {
    fc.assert(
      fc.property(
        snapshotArb({ maxSockets: 30, pids: [1, 2, 3] }),
        fc.integer({ min: 1, max: 40 }),
        (snapshot, perPiece) => {
          const pieces = [...snapshotJsonPieces(snapshot, perPiece)];
          expect(pieces.join('')).toBe(snapshotToJson(snapshot, false));
          // head, one piece per `perPiece` sockets, tail
          expect(pieces).toHaveLength(2 + Math.ceil(snapshot.sockets.length / perPiece));
        },
      ),
    );
  });

  it('keeps hostile process names intact and opens again as the same snapshot', () => {
    const snapshot = sampleSnapshot();
    const text = [...snapshotJsonPieces(snapshot, 1)].join('');
    expect(text).toContain(JSON.stringify(HOSTILE_NAME).slice(1, -1));
    expect(parseSnapshotText(text)).toEqual(parseSnapshotText(snapshotToJson(snapshot)));
  });

  it('is used only for compact JSON: indented JSON, CSV and HTML come whole, masked JSON is masked', () => {
    const snapshot = sampleSnapshot();
    for (const options of [{ format: 'json', pretty: true }, { format: 'csv' }, { format: 'html' }] as const) {
      expect([...exportSnapshotPieces(snapshot, options)]).toEqual([exportSnapshot(snapshot, options)]);
    }
    const masked = { format: 'json', pretty: false, mask: true } as const;
    expect([...exportSnapshotPieces(snapshot, masked)].join('')).toBe(exportSnapshot(snapshot, masked));
  });
});
