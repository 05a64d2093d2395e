import { describe, expect, it } from 'vitest';
import type { TransferListItem } from 'node:worker_threads';
import { piecedToString, receivePieces, receiveBothPieces, shipPieces } from '../../../../src/node/snapshot/shipPieces';

describe('shipPieces', () => {
  it('passes a small string through as itself, with nothing to transfer', async () => {
    const transfer: TransferListItem[] = [];
    const shipped = shipPieces('{"a":1}', transfer);
    expect(shipped).toBe('{"a":1}');
    expect(transfer).toHaveLength(0);
    expect(await receivePieces(shipped)).toBe('{"a":1}');
  });

  it('ships a large string as UTF-8 pieces on a port; the receiver keeps them as pieces that join back exactly', async () => {
    // Multi-byte text across piece boundaries (an emoji's two halves too), ~1.3 M characters.
    const text = JSON.stringify(Array.from({ length: 40_000 }, (_, i) => ({ i, name: `café ✓ 🐟 ${i}` })));
    const transfer: TransferListItem[] = [];
    const shipped = shipPieces(text, transfer);
    expect(typeof shipped).toBe('object');
    expect(transfer).toHaveLength(1);
    if (typeof shipped === 'string') throw new Error('expected pieces');
    expect(shipped.pieces).toBeGreaterThanOrEqual(Math.ceil(text.length / (256 * 1024)));
    const received = await receivePieces(shipped);
    if (typeof received === 'string') throw new Error('expected pieces');
    // Bytes, not strings: nothing of the text lands in the receiving thread's heap.
    expect(received.pieces.every((p) => p instanceof Uint8Array)).toBe(true);
    // Each piece is whole UTF-8 on its own (it may travel as a text frame by itself).
    const strict = new TextDecoder('utf-8', { fatal: true });
    expect(received.pieces.map((p) => strict.decode(p as Uint8Array)).join('')).toBe(text);
    expect(piecedToString(received)).toBe(text);
  });

  it('says so when pieces are missing instead of returning a cut string', async () => {
    const transfer: TransferListItem[] = [];
    const shipped = shipPieces('x'.repeat(600_000), transfer);
    if (typeof shipped === 'string') throw new Error('expected pieces');
    await expect(receivePieces({ pieces: shipped.pieces + 1, port: shipped.port })).rejects.toThrow(/cut short/);
  });

  it("a live tick's two strings: both back, or an error with the other string's port closed too", async () => {
    const transfer: TransferListItem[] = [];
    const big = 'y'.repeat(600_000);
    expect(
      (await receiveBothPieces(shipPieces('{"d":1}', transfer), shipPieces(big, transfer))).map((t) =>
        piecedToString(t!),
      ),
    ).toEqual(['{"d":1}', big]);
    expect(await receiveBothPieces(null, shipPieces('z', transfer))).toEqual([null, 'z']);

    const cut = shipPieces('x'.repeat(600_000), transfer);
    const other = shipPieces(big, transfer);
    if (typeof cut === 'string' || typeof other === 'string') throw new Error('expected pieces');
    const otherClosed = new Promise<void>((resolve) => other.port.once('close', () => resolve()));
    await expect(receiveBothPieces({ pieces: cut.pieces + 1, port: cut.port }, other)).rejects.toThrow(/cut short/);
    await otherClosed; // never received, yet closed: nothing left holding its pieces
  });
});
