/**
 * Opening a saved snapshot: size cap, JSON parse and schema validation, with one plain message
 * for whatever is wrong (not JSON, truncated, another schema version, an invalid field, too
 * large). Nothing here throws: a hostile or broken file is an answer, not a crash.
 */
import { z } from 'zod';
import { SNAPSHOT_SCHEMA, SnapshotSchema, type Snapshot } from '../model/model';

/** The largest snapshot file Sockeye opens (a busy server's snapshot is a few MB). */
export const MAX_SNAPSHOT_BYTES = 200 * 1024 * 1024;

export type OpenResult = { ok: true; snapshot: Snapshot } | { ok: false; error: string };

/** Bytes of `text` as UTF-8, without needing TextEncoder. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

const byteCount = (n: number) => `${n.toLocaleString('en-US')} bytes`;

/** The message for a file of `bytes` bytes, or null when it is small enough to open. */
export function checkSnapshotSize(bytes: number, maxBytes = MAX_SNAPSHOT_BYTES): string | null {
  if (bytes <= maxBytes) return null;
  let size = megabytes(bytes);
  let cap = megabytes(maxBytes);
  // Just over the cap both round alike ("200 MB; up to 200 MB"): then say the bytes.
  if (size === cap) [size, cap] = [byteCount(bytes), byteCount(maxBytes)];
  return `the file is too large (${size}; Sockeye opens snapshots up to ${cap})`;
}

/** The message for a file that was still going when the cap was reached (its size was not known). */
export function readPastCap(maxBytes = MAX_SNAPSHOT_BYTES): string {
  return `the file is too large (more than ${megabytes(maxBytes)}: reading stopped there; Sockeye opens snapshots up to ${megabytes(maxBytes)})`;
}

/** What the file seems to hold, from its first bytes, without repeating any of them. */
function kindOf(head: ArrayLike<number>): string {
  let control = 0;
  const n = Math.min(head.length, 512);
  for (let i = 0; i < n; i++) {
    const c = head[i]!;
    if (c === 0 || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) control++;
  }
  if (control > 0) return 'binary data';
  let i = 0;
  while (i < n && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0a || head[i] === 0x0d)) i++;
  if (head[i] === 0x3c) return 'markup (HTML or XML)';
  return 'text that is not JSON';
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Null if the first bytes of a file can begin a JSON document (after a BOM and whitespace),
 * else the message. Says what kind of file it is, never what it holds: as root, a symlink to
 * /etc/shadow would otherwise echo its first line.
 */
export function notJsonStart(head: ArrayLike<number>): string | null {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && isSpace(head[i]!)) i++;
  if (i === head.length) return null; // all whitespace so far: the parser says "empty"
  const c = head[i]!;
  if (c === 0x7b || c === 0x5b) return null;
  return `the file is not JSON (it holds ${kindOf(head)}); a Sockeye snapshot is a JSON document`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** `processes[3].pid` from a zod issue path. */
function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(the document)';
}

function jsonError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const body = text.trimEnd();
  const first = body.trimStart()[0];
  if (first !== '{' && first !== '[') {
    const head = Array.from(body.slice(0, 512), (ch) => Math.min(ch.charCodeAt(0), 0xff));
    return notJsonStart(head) ?? `the file is not JSON; a Sockeye snapshot is a JSON document`;
  }
  // A whole document with more after it is not truncated: say where the extra text begins.
  if (/non-whitespace character after JSON/i.test(message)) {
    const extraAt = /position (\d+)/.exec(message);
    const byte = extraAt ? utf8Length(text.slice(0, Number(extraAt[1]))) : null;
    return `the file has extra text after the JSON document${byte !== null ? ` (from byte ${byte})` : ''}`;
  }
  // V8 says "Unexpected end of JSON input", or names a position at (or past) the last character.
  const at = /position (\d+)/.exec(message);
  const truncated =
    /end of (JSON input|data)|Unterminated/i.test(message) || (at !== null && Number(at[1]) >= body.length - 1);
  if (truncated) return `the file is truncated at byte ${utf8Length(text)}: it ends before the JSON document does`;
  const line = /line (\d+) column (\d+)/.exec(message);
  const where = line ? ` at line ${line[1]}, column ${line[2]}` : at ? ` at character ${at[1]}` : '';
  return `the file is not valid JSON${where}: ${message.replace(/ in JSON at position.*$/, '')}`;
}

/** Parse and validate the text of a snapshot file; never throws. */
export function parseSnapshotText(text: string, options: { byteLength?: number; maxBytes?: number } = {}): OpenResult {
  try {
    const tooLarge = checkSnapshotSize(options.byteLength ?? utf8Length(text), options.maxBytes);
    if (tooLarge) return { ok: false, error: tooLarge };
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (body.trim() === '') return { ok: false, error: 'the file is empty' };
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch (err) {
      return { ok: false, error: jsonError(body, err) };
    }
    return validateSnapshot(doc);
  } catch (err) {
    // Pathological input (nesting deep enough to exhaust the stack …) lands here.
    return {
      ok: false,
      error: `the file could not be read as a snapshot: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

let compiled: typeof SnapshotSchema | null = null;

/**
 * SnapshotSchema through zod's ahead-of-time compiler (`z.compile`, ADR 0075): the same schema,
 * about 4× faster on a valid document, and on an invalid one zod's own runtime parser runs again
 * and reports, so the messages are unchanged. Compiled on first use (~12 ms), and only where
 * zod may generate code: under a Content-Security-Policy without `unsafe-eval` (the renderer)
 * or with `z.config({ jitless: true })` the plain schema validates.
 */
export function snapshotSchema(): typeof SnapshotSchema {
  if (compiled) return compiled;
  compiled = !z.config().jitless && z.util.allowsEval.value ? z.compile(SnapshotSchema) : SnapshotSchema;
  return compiled;
}

/** Validate an already-parsed document against `sockeye.snapshot/1`; never throws. */
export function validateSnapshot(doc: unknown): OpenResult {
  try {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      return { ok: false, error: `not a Sockeye snapshot: the JSON is ${describe(doc)}, not an object` };
    }
    const schema = (doc as { schema?: unknown }).schema;
    if (schema === undefined) return { ok: false, error: 'not a Sockeye snapshot: the document has no "schema" field' };
    if (schema !== SNAPSHOT_SCHEMA) {
      const shown = typeof schema === 'string' ? JSON.stringify(schema.slice(0, 60)) : describe(schema);
      if (typeof schema === 'string' && schema.startsWith('sockeye.snapshot/')) {
        return { ok: false, error: `wrong schema version: ${shown} (this Sockeye opens ${SNAPSHOT_SCHEMA})` };
      }
      return { ok: false, error: `not a Sockeye snapshot: its schema is ${shown}, not "${SNAPSHOT_SCHEMA}"` };
    }
    const parsed = snapshotSchema().safeParse(doc);
    if (parsed.success) return { ok: true, snapshot: parsed.data };
    const issues = parsed.error.issues;
    const first = issues[0]!;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
    return { ok: false, error: `invalid snapshot: field ${fieldPath(first.path)}: ${first.message}${more}` };
  } catch (err) {
    return {
      ok: false,
      error: `the file could not be read as a snapshot: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}
