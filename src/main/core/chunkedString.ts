/**
 * Hands a large string (a 20,000-socket snapshot is ~5 MB of JSON) from the snapshot worker to
 * the thread that asked for it without stalling that thread. Posted whole, the receiver
 * deserializes all of it in one go — measured 17–27 ms on the main thread — so the worker posts
 * pieces on a port of their own and the receiver takes one piece per event-loop turn. The pieces
 * are joined by `+`, which V8 keeps as a rope: no copy until someone reads the text.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type TransferListItem } from 'node:worker_threads';

/** Characters per piece: about a millisecond to receive. */
const PIECE = 256 * 1024;

/** A string as sent: itself when small, else a port holding its pieces. */
export type ShippedString = string | { pieces: number; port: MessagePort };

/** Prepare `text` for postMessage; add `transfer` to the call's transfer list. */
export function shipString(text: string, transfer: TransferListItem[]): ShippedString {
  if (text.length <= PIECE) return text;
  const { port1, port2 } = new MessageChannel();
  let pieces = 0;
  for (let at = 0; at < text.length; at += PIECE) {
    port1.postMessage(text.slice(at, at + PIECE));
    pieces++;
  }
  port1.close();
  transfer.push(port2);
  return { pieces, port: port2 };
}

/** The string back, one piece per turn of the receiving thread's event loop. */
export async function receiveString(shipped: ShippedString): Promise<string> {
  if (typeof shipped === 'string') return shipped;
  let text = '';
  try {
    for (let i = 0; i < shipped.pieces; i++) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const got = receiveMessageOnPort(shipped.port);
      if (!got) throw new Error(`snapshot text cut short (${i} of ${shipped.pieces} pieces)`);
      text += got.message as string;
    }
  } finally {
    shipped.port.close();
  }
  return text;
}

/**
 * Both strings of a live tick back, or an error with both ports closed: when one is cut short the
 * other's port would otherwise stay open, holding its pieces, for as long as the process lives.
 */
export async function receiveStrings(a: ShippedString | null, b: ShippedString | null): Promise<[string | null, string | null]> {
  try {
    return [a === null ? null : await receiveString(a), b === null ? null : await receiveString(b)];
  } finally {
    for (const s of [a, b]) if (s !== null && typeof s !== 'string') s.port.close();
  }
}
