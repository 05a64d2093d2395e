/**
 * Big WebSocket messages in pieces. Chromium receives one text message in one task whatever its
 * size — a ~5 MB snapshot (20k sockets) froze the page for 400–700 ms before the handler even
 * ran — while pieces arrive one task each. A message longer than PART_CHARS goes as a header
 * `{"parts":K}` followed by K raw text pieces, sent back to back (so nothing can come between
 * them on the socket); the receiver joins them and handles the result as one message.
 */
import type { JsonText } from './jsonText';

/** Characters per piece (and the longest message sent whole). */
export const PART_CHARS = 262_144;

/** The WebSocket messages that carry `text`: itself, or a parts header and the pieces. */
export function splitWireMessage(text: string, partChars = PART_CHARS): string[] {
  if (text.length <= partChars) return [text];
  const pieces = textPieces(text, partChars);
  return [`{"parts":${pieces.length}}`, ...pieces];
}

/**
 * `text` in pieces of at most `size` characters, never cut between the two halves of a surrogate
 * pair (an emoji in a process name): each piece is encoded as UTF-8 on its own, where half a pair
 * becomes U+FFFD and the character is lost.
 */
export function textPieces(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length;) {
    let end = Math.min(text.length, i + size);
    if (end < text.length && end - i > 1 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    pieces.push(text.slice(i, end));
    i = end;
  }
  return pieces;
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/**
 * The WebSocket messages that carry JSON text given in pieces (a snapshot from the worker, in
 * its envelope): a parts header, then the pieces as they are — byte pieces go out as text frames
 * without being decoded here — with any long string piece split as above.
 */
export function wireMessages(json: JsonText, partChars = PART_CHARS): (string | Uint8Array)[] {
  if (typeof json === 'string') return splitWireMessage(json, partChars);
  const parts = json.pieces.flatMap((p) =>
    typeof p === 'string' && p.length > partChars ? textPieces(p, partChars) : [p],
  );
  return [`{"parts":${parts.length}}`, ...parts];
}

const HEADER = /^\{"parts":(\d{1,7})\}$/;

/** Joins pieces back into whole messages; one per connection, reset when it drops. */
export class WirePartsAssembler {
  private expected = 0;
  private pieces: string[] = [];

  /** The whole message `text` completes, or null while pieces are still to come. */
  accept(text: string): string | null {
    if (this.expected > 0) {
      this.pieces.push(text);
      if (this.pieces.length < this.expected) return null;
      const whole = this.pieces.join('');
      this.reset();
      return whole;
    }
    // Cheap test first: every other message is far longer or starts differently.
    const header = text.length < 24 && text.startsWith('{"parts":') ? HEADER.exec(text) : null;
    if (header && Number(header[1]) > 0) {
      this.expected = Number(header[1]);
      return null;
    }
    return text;
  }

  /** Forget a message half received (the connection dropped). */
  reset(): void {
    this.expected = 0;
    this.pieces = [];
  }
}
