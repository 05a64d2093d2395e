/**
 * Hands a large JSON text (a 20,000-socket snapshot is ~5.5 MB) from the snapshot worker to the
 * thread that asked for it without stalling that thread:
 *  - Posted whole, the receiver deserializes all of it in one go (measured 17–27 ms).
 *  - Posted as string pieces and joined, it lands in the receiver's young heap: 5.5 MB per
 *    snapshot made that thread's garbage collections take 10–26 ms (measured with the service
 *    probe of bench/snapshotBench.ts), and every forward flattened and re-encoded it.
 * So the worker encodes the text as UTF-8 pieces and transfers them (no copy, outside the heap),
 * on a port of their own; the receiver takes one piece per event-loop turn and keeps them as
 * pieces (a `PiecedText`: see src/common/wire/pieces.ts) for the transports to send on as they are.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type TransferListItem } from 'node:worker_threads';
import { joinPieced, PIECE_CHARS, textPieces, type PiecedText } from '../../common/wire/pieces';

/** A text as sent: itself when small, else a port holding its UTF-8 pieces. */
export type ShippedPieces = string | { pieces: number; port: MessagePort };

/** Prepare `text` for postMessage; add `transfer` to the call's transfer list. */
export function shipPieces(text: string, transfer: TransferListItem[]): ShippedPieces {
  if (text.length <= PIECE_CHARS) return text;
  const { port1, port2 } = new MessageChannel();
  const encoder = new TextEncoder();
  const pieces = textPieces(text, PIECE_CHARS);
  for (const piece of pieces) {
    // TextEncoder, not Buffer.from: a small Buffer shares a pool that transferring would take away.
    const bytes = encoder.encode(piece);
    port1.postMessage(bytes, [bytes.buffer]);
  }
  port1.close();
  transfer.push(port2);
  return { pieces: pieces.length, port: port2 };
}

/** The text back, one piece per turn of the receiving thread's event loop, as pieces. */
export async function receivePieces(shipped: ShippedPieces): Promise<PiecedText> {
  if (typeof shipped === 'string') return shipped;
  const pieces: Uint8Array[] = [];
  try {
    for (let i = 0; i < shipped.pieces; i++) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const got = receiveMessageOnPort(shipped.port);
      if (!got) throw new Error(`snapshot text cut short (${i} of ${shipped.pieces} pieces)`);
      pieces.push(got.message as Uint8Array);
    }
  } finally {
    shipped.port.close();
  }
  return { pieces };
}

/**
 * Both texts of a live tick back, or an error with both ports closed: when one is cut short the
 * other's port would otherwise stay open, holding its pieces, for as long as the process lives.
 */
export async function receiveBothPieces(
  a: ShippedPieces | null,
  b: ShippedPieces | null,
): Promise<[PiecedText | null, PiecedText | null]> {
  try {
    return [a === null ? null : await receivePieces(a), b === null ? null : await receivePieces(b)];
  } finally {
    for (const s of [a, b]) if (s !== null && typeof s !== 'string') s.port.close();
  }
}

const decoder = new TextDecoder();

/** The whole text as one string (the CLI and tests; the serving thread forwards pieces instead). */
export function piecedToString(json: PiecedText): string {
  return joinPieced(json, (bytes) => decoder.decode(bytes));
}
