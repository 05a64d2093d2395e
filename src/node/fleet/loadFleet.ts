/**
 * Reading a fleet: every SOURCE (a `sockeye serve` URL, a saved snapshot file, or a file that
 * lists sources) is read on its own, bounded in time and size, a few at a time; each that fails
 * becomes a host with its error, and the rest still merge (common/fleet/mergeFleet.ts).
 */
import { promises as fsp } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { mergeFleet, type FleetInput } from '../../common/fleet/mergeFleet';
import { parseFleetSource, parseSourceList, redactSource, type FleetSource } from './fleetSource';
import type { Fleet } from '../../common/fleet/fleetModel';
import { readSnapshotFile } from '../files/readSnapshotFile';
import { fetchSnapshot } from './fetchSnapshot';
import { osqueryTables, snapshotFromOsquery } from '../../common/fleet/osqueryResults';

export interface FleetOptions {
  /** Per host, connect to last byte (default 10 s). */
  timeoutMs?: number;
  /** Per host, the largest snapshot read (default 64 MB; a 5,000-socket snapshot is ~3 MB). */
  maxBytes?: number;
  /** Hosts read at once (default 16). */
  concurrency?: number;
  /**
   * Whether a file that is not JSON is read as a list of sources (default true: the CLI's user
   * reads their own files). The API says false: a list's lines come back as the hosts' sources,
   * so a session holder of `sockeye serve` could read any text file the server can (/etc/passwd
   * has no spaces) — the page's box is the list there.
   */
  lists?: boolean;
}

export const FLEET_DEFAULTS = { timeoutMs: 10_000, maxBytes: 64 * 1024 * 1024, concurrency: 16 } as const;

/** A list file is small text: a fleet of 10,000 URLs fits in 1 MB. */
const MAX_LIST_BYTES = 1024 * 1024;
/** More sources than this is a mistake (or a list pointing at a huge file), not a fleet. */
export const MAX_SOURCES = 10_000;

/** A source to read (`nested`: named by a list file), or why it cannot be. */
const NOT_A_SNAPSHOT_HERE =
  'not a snapshot (JSON); here a file must be a saved snapshot (lists of sources are read by the sockeye fleet command)';

type Entry = (FleetSource & { nested?: boolean }) | { error: string; shown: string };

/** The first bytes of a file: a snapshot starts with `{`, anything else is read as a list of sources. */
async function looksLikeJson(path: string): Promise<boolean> {
  const file = await fsp.open(path, 'r');
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await file.read(head, 0, 64, 0);
    const text = head
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trimStart();
    return text.startsWith('{') || text.startsWith('[');
  } finally {
    await file.close();
  }
}

/** Whether a list's line can name a source: a URL, a file that is there, or a path-like word (no space). */
async function canBeSource(line: string, base: string): Promise<boolean> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(line) || !/\s/.test(line)) return true;
  return fsp.stat(resolve(base, line)).then(
    () => true,
    () => false,
  );
}

/**
 * The sources a list file names. A text file that is no such list (a README given by mistake)
 * is refused whole, naming the first line that is neither a URL nor a file, never its text.
 */
async function readList(path: string, shown: string): Promise<Entry[]> {
  const st = await fsp.stat(path);
  if (!st.isFile()) return [{ error: 'not a regular file', shown }];
  if (st.size > MAX_LIST_BYTES) return [{ error: 'a list of sources larger than 1 MB is not read', shown }];
  const text = await fsp.readFile(path, 'utf8');
  const lines = parseSourceList(text);
  const base = dirname(path);
  for (const [i, line] of lines.entries()) {
    if (await canBeSource(line, base)) continue;
    const at = text.split(/\r?\n/).findIndex((l) => l.includes(line)) + 1 || i + 1;
    const why = `not a snapshot (JSON) nor a list of sources: line ${at} is neither a URL nor a file`;
    return [{ error: why, shown }];
  }
  return lines.map((line): Entry => {
    const s = parseFleetSource(line);
    if ('error' in s) return { error: s.error, shown: redactSource(line) };
    // A path in a list is relative to the list's folder; a list is never read inside a list.
    return s.kind === 'file' ? { ...s, path: resolve(base, s.path), nested: true } : s;
  });
}

/** Every source given, with list files replaced by what they list (one level deep). */
export async function expandSources(args: readonly string[], lists = true): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const arg of args) {
    const s = parseFleetSource(arg);
    if ('error' in s) out.push({ error: s.error, shown: redactSource(arg) });
    else if (s.kind === 'http') out.push(s);
    else {
      try {
        if (await looksLikeJson(s.path)) out.push(s);
        else if (!lists) out.push({ error: NOT_A_SNAPSHOT_HERE, shown: s.shown });
        else out.push(...(await readList(s.path, s.shown)));
      } catch {
        // The snapshot reader has the plain words for a missing or unreadable file.
        out.push(s);
      }
    }
    if (out.length > MAX_SOURCES)
      return [{ error: `more than ${MAX_SOURCES} sources: not a fleet Sockeye reads`, shown: '(sources)' }];
  }
  return out;
}

async function readOne(entry: Entry, opts: Required<Omit<FleetOptions, 'lists'>>): Promise<FleetInput> {
  if ('error' in entry) return { source: entry.shown, snapshot: null, error: entry.error };
  if (entry.kind === 'http') {
    const got = await fetchSnapshot(entry.url, entry.token, opts);
    return got.ok
      ? { source: entry.shown, snapshot: got.snapshot, error: null }
      : { source: entry.shown, snapshot: null, error: got.error };
  }
  if (entry.nested && !(await looksLikeJson(entry.path).catch(() => true)))
    return { source: entry.shown, snapshot: null, error: 'a list inside a list is not read' };
  const file = await readSnapshotFile(entry.path, opts.maxBytes, { wholePath: true });
  if (
    !file.ok &&
    /^not a Sockeye snapshot: (the JSON is an array|the document has no "schema")/.test(bare(file.error, entry.path))
  )
    return readOsquery(entry.path, entry.shown, opts.maxBytes);
  return file.ok
    ? { source: entry.shown, snapshot: file.snapshot, error: null }
    : { source: entry.shown, snapshot: null, error: bare(file.error, entry.path) };
}

/** The reader's message without the path it begins with (the host's source says it). */
const bare = (error: string, path: string) => (error.startsWith(`${path}: `) ? error.slice(path.length + 2) : error);

/** A JSON file that is no snapshot may be osquery results (process_open_sockets, listening_ports). */
async function readOsquery(path: string, shown: string, maxBytes: number): Promise<FleetInput> {
  const st = await fsp.stat(path);
  if (st.size > maxBytes) return { source: shown, snapshot: null, error: 'the file is too large' };
  let doc: unknown;
  try {
    doc = JSON.parse(await fsp.readFile(path, 'utf8'));
  } catch {
    return { source: shown, snapshot: null, error: 'the file is not valid JSON' };
  }
  const tables = osqueryTables(doc);
  if (!tables)
    return {
      source: shown,
      snapshot: null,
      error: 'not a Sockeye snapshot, nor osquery results (process_open_sockets, listening_ports rows)',
    };
  return { source: shown, snapshot: snapshotFromOsquery(tables, basename(path), st.mtime), error: null };
}

/** Read every source (at most `concurrency` at once) and merge what answered. */
export async function loadFleet(sources: readonly string[], options: FleetOptions = {}): Promise<Fleet> {
  // An option given as undefined (the API's params without timeoutMs) keeps its default.
  const opts = {
    timeoutMs: options.timeoutMs ?? FLEET_DEFAULTS.timeoutMs,
    maxBytes: options.maxBytes ?? FLEET_DEFAULTS.maxBytes,
    concurrency: options.concurrency ?? FLEET_DEFAULTS.concurrency,
  };
  const entries = await expandSources(sources, options.lists ?? true);
  const inputs: FleetInput[] = new Array(entries.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < entries.length; i = next++) inputs[i] = await readOne(entries[i]!, opts);
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, entries.length) }, worker));
  return mergeFleet(inputs);
}
