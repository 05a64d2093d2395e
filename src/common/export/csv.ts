/**
 * CSV export: one row per socket with its owning process's columns, a header row first.
 * RFC 4180 quoting, and cells a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or carriage return) are prefixed with a single quote, as OWASP advises against CSV injection.
 */
import type { Process, Snapshot } from '../model/model';
import { socketHolders } from '../derive/holders';

export const CSV_COLUMNS = [
  'protocol',
  'family',
  'state',
  'localAddress',
  'localPort',
  'remoteAddress',
  'remotePort',
  'side',
  'localScope',
  'remoteScope',
  'service',
  'portClass',
  'pid',
  'pids',
  'uid',
  'processName',
  'processLabel',
  'processRole',
  'user',
  'path',
  'cmdline',
  // Traffic (TCP on Linux); empty where unknown — UDP, no counters, an old file.
  'bytesSent',
  'bytesReceived',
  'bytesRetransmitted',
  'rttMs',
  'sendRate',
  'receiveRate',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, neutralised against formula injection and quoted when needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole snapshot as CSV text (CRLF line ends, as RFC 4180 and spreadsheets expect). */
export function snapshotToCsv(snapshot: Snapshot): string {
  const procs = new Map<number, Process>(snapshot.processes.map((p) => [p.pid, p]));
  const lines = [CSV_COLUMNS.join(',')];
  for (const s of snapshot.sockets) {
    const p = s.pid === null ? undefined : procs.get(s.pid);
    lines.push(
      [
        s.protocol,
        s.family,
        s.state,
        s.localAddress,
        s.localPort,
        s.remoteAddress,
        s.remotePort,
        s.side,
        s.localScope,
        s.remoteScope,
        s.service,
        s.portClass,
        s.pid,
        socketHolders(s).join(' '),
        s.uid,
        p?.name,
        p?.label,
        p?.role,
        p?.user,
        p?.path,
        p?.cmdline,
        s.bytesSent,
        s.bytesReceived,
        s.bytesRetransmitted,
        s.rttMs,
        s.sendRate,
        s.receiveRate,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
