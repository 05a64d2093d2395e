/**
 * What the read-only API serves, made where the snapshot is (the snapshot worker, or in-process):
 * the snapshot's JSON for GET /v1/snapshot, the metrics text for GET /metrics. Each text is made
 * once per snapshot and format, however many scrapers ask while the snapshot is fresh.
 */
import { formatMetrics, type MetricsFormat } from '../../common/metrics/metricsText';
import type { Snapshot } from '../../common/model/model';

/** A snapshot with what it cost: for the API's reuse and /metrics' duration gauge. */
export interface TakenSnapshot {
  snapshot: Snapshot;
  durationMs: number;
  /** When the collection finished (Date.now()). */
  doneAt: number;
}

export type ApiDocument = 'snapshot' | MetricsFormat;

/** How old a snapshot the API may answer with (finished at most this long ago); see ADR 0067. */
export const API_FRESH_MS = 2000;

const made = new WeakMap<TakenSnapshot, Map<ApiDocument, string>>();

/** The key a document's text is known by on the serving thread: same key, same text. */
export function apiDocumentKey(taken: TakenSnapshot): string {
  return `${taken.snapshot.takenAt}|${taken.doneAt}`;
}

/** When the snapshot of a key finished (NaN for a key not of ours: never fresh). */
export function apiDocumentDoneAt(key: string): number {
  return Number(key.slice(key.lastIndexOf('|') + 1));
}

/** A text made anyway (a live tick's whole snapshot): the API need not make it again. */
export function rememberApiDocument(taken: TakenSnapshot, what: ApiDocument, text: string): void {
  let texts = made.get(taken);
  if (!texts) made.set(taken, (texts = new Map()));
  if (!texts.has(what)) texts.set(what, text);
}

export function apiDocument(taken: TakenSnapshot, what: ApiDocument): string {
  let texts = made.get(taken);
  if (!texts) made.set(taken, (texts = new Map()));
  let text = texts.get(what);
  if (text === undefined) {
    text = what === 'snapshot' ? JSON.stringify(taken.snapshot) : formatMetrics(taken, what);
    texts.set(what, text);
  }
  return text;
}
