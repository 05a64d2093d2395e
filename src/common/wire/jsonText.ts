/**
 * JSON text as the snapshot worker hands a big document over: UTF-8 pieces. The thread that
 * forwards it (Electron's main process, `sockeye serve`) passes the pieces on — to the window's
 * preload, to the browser as text frames — and never holds the document as one string: 5 MB of
 * string on that thread cost it 10–26 ms garbage-collection pauses (measured at 20,000 sockets),
 * and flattening and encoding it another ~40 ms for each send.
 *
 * Each piece is valid UTF-8 (or text) on its own, so it can travel as a text frame by itself.
 */
export interface JsonPieces {
  pieces: (string | Uint8Array)[];
}

/** JSON text: a string, or pieces in order. */
export type JsonText = string | JsonPieces;

/** `prefix`, the JSON, `suffix` (an envelope around a snapshot): pieces stay pieces. */
export function wrapJson(prefix: string, json: JsonText, suffix: string): JsonText {
  return typeof json === 'string' ? prefix + json + suffix : { pieces: [prefix, ...json.pieces, suffix] };
}

/** The whole text, decoding byte pieces with `decode` (TextDecoder where there is one). */
export function joinJsonText(json: JsonText, decode: (bytes: Uint8Array) => string): string {
  return typeof json === 'string' ? json : json.pieces.map((p) => (typeof p === 'string' ? p : decode(p))).join('');
}
