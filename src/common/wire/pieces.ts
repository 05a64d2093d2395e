/**
 * Big text in pieces: one idea, one vocabulary, wherever a large JSON document (a 20,000-socket
 * snapshot is ~5.5 MB) travels between threads and processes.
 *
 * Glossary
 * - **piece**: a slice of a big text, at most PIECE_CHARS characters, valid on its own (UTF-8 bytes
 *   or a string, never cut inside a surrogate pair), so it can be sent as a text frame by itself.
 * - **pieced text** (`PiecedText`): a text as one string when small, or as its pieces in order. The
 *   thread that forwards a snapshot (Electron's main process, `sockeye serve`) passes the pieces on
 *   and never joins them: 5 MB of string on that thread cost it 10–26 ms garbage-collection pauses
 *   (measured at 20,000 sockets), and flattening and encoding it another ~40 ms for each send.
 * - **pieced message**: how a long pieced text crosses a WebSocket: a header `{"pieces":K}` and K
 *   pieces sent back to back, each received by the browser in a task of its own (Chromium receives
 *   one text message in one task whatever its size: a ~5 MB snapshot froze the page 400–700 ms).
 * - **shipped pieces** (src/node/snapshot/shipPieces.ts): the pieces of a text posted by the
 *   snapshot worker on a port of their own, transferred rather than copied.
 */

/** One piece: text, or its UTF-8 bytes. */
export type Piece = string | Uint8Array;

/** A text as a string, or its pieces in order. */
export type PiecedText = string | { pieces: Piece[] };

/** Characters per piece (and the longest message sent whole). */
export const PIECE_CHARS = 262_144;

/** `prefix`, the text, `suffix` (an envelope around a snapshot): pieces stay pieces. */
export function wrapPieced(prefix: string, text: PiecedText, suffix: string): PiecedText {
  return typeof text === 'string' ? prefix + text + suffix : { pieces: [prefix, ...text.pieces, suffix] };
}

/** The whole text, decoding byte pieces with `decode` (TextDecoder where there is one). */
export function joinPieced(text: PiecedText, decode: (bytes: Uint8Array) => string): string {
  return typeof text === 'string' ? text : text.pieces.map((p) => (typeof p === 'string' ? p : decode(p))).join('');
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
 * The WebSocket messages that carry a pieced text: a short string as itself; otherwise a pieced
 * message — the header, then the pieces as they are (byte pieces go out as text frames without
 * being decoded here), with any long string piece cut as above.
 */
export function wireMessages(text: string, pieceChars?: number): string[];
export function wireMessages(text: PiecedText, pieceChars?: number): Piece[];
export function wireMessages(text: PiecedText, pieceChars = PIECE_CHARS): Piece[] {
  if (typeof text === 'string' && text.length <= pieceChars) return [text];
  const pieces = (typeof text === 'string' ? [text] : text.pieces).flatMap((p) =>
    typeof p === 'string' && p.length > pieceChars ? textPieces(p, pieceChars) : [p],
  );
  return [`{"pieces":${pieces.length}}`, ...pieces];
}

const HEADER = /^\{"pieces":(\d{1,7})\}$/;

/** Joins the pieces of pieced messages back into whole messages; one per connection, reset when it drops. */
export class PiecedMessageAssembler {
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
    const header = text.length < 24 && text.startsWith('{"pieces":') ? HEADER.exec(text) : null;
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
