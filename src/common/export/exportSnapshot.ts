/**
 * One entry point for every export format, shared by the CLI, the Electron save dialog and the
 * browser download, so all three produce the same bytes for the same choices.
 */
import type { Snapshot } from '../model/model';
import { snapshotToCsv } from './csv';
import type { ExportFormat } from './formats';
import { snapshotToHtml } from './html';
import { snapshotJsonPieces, snapshotToJson } from './json';
import { maskSnapshot } from './mask';

export { EXPORT_FORMATS, EXPORT_MIME, type ExportFormat } from './formats';

export interface ExportOptions {
  format: ExportFormat;
  /** Replace public IPs, host and user names, command lines and paths by consistent tokens. */
  mask?: boolean;
  /** Indent JSON (default true). */
  pretty?: boolean;
  /** Words for the HTML report's heading about what was kept, e.g. the filter expression. */
  scopeNote?: string;
}

/** The text of `snapshot` exported as `format`. */
export function exportSnapshot(snapshot: Snapshot, options: ExportOptions): string {
  const doc = options.mask ? maskSnapshot(snapshot) : snapshot;
  switch (options.format) {
    case 'json':
      return snapshotToJson(doc, options.pretty ?? true);
    case 'csv':
      return snapshotToCsv(doc);
    case 'html':
      return snapshotToHtml(doc, { masked: options.mask === true, scopeNote: options.scopeNote });
  }
}

/** The same text in pieces to write as they are made: compact JSON comes a few hundred sockets at a time. */
export function exportSnapshotPieces(snapshot: Snapshot, options: ExportOptions): Iterable<string> {
  if (options.format !== 'json' || options.pretty !== false) return [exportSnapshot(snapshot, options)];
  return snapshotJsonPieces(options.mask ? maskSnapshot(snapshot) : snapshot);
}

/** A file name for an export: `sockeye-<host>-<time>.<ext>`, safe on every file system. */
export function exportFileName(snapshot: Snapshot, format: ExportFormat, masked = false): string {
  const host = masked ? 'masked' : snapshot.host.hostname.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'host';
  const time = snapshot.takenAt.replace(/\.\d+/, '').replace(/[:]/g, '-');
  return `sockeye-${host}-${time}.${format}`;
}
