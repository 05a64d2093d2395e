/**
 * One frame of `sockeye top` as lines of text: a header, then the busiest rows that fit the
 * terminal, columns chosen for its width (narrow terminals keep the rates and the name).
 * Pure, so it is tested without a terminal; names are made terminal-safe and cut by display
 * width (string-width: CJK and emoji take two columns).
 */
import stringWidth from 'string-width';
import type { Snapshot } from '../../common/model/model';
import { formatBytes, formatRate } from '../../common/traffic/trafficFormat';
import type { TrafficBy, TrafficRow } from '../../common/traffic/trafficRows';
import { terminalSafe } from './terminalText';

export interface TopFrameOptions {
  by: TrafficBy;
  width: number;
  height: number;
  intervalMs: number;
  filter: string | null;
}

const NUM = 10;

/** `text` cut to at most `width` display columns (with … when cut), padded to `width` when `pad`. */
export function fitWidth(text: string, width: number, pad = false): string {
  let out = text;
  if (stringWidth(out) > width) {
    const chars = [...out];
    while (chars.length > 0 && stringWidth(chars.join('')) > width - 1) chars.pop();
    out = chars.join('') + '…';
  }
  return pad ? out + ' '.repeat(Math.max(0, width - stringWidth(out))) : out;
}

type Column = { title: string; cell: (r: TrafficRow) => string };

function columnsFor(width: number): Column[] {
  const send: Column = { title: 'SEND/s', cell: (r) => rate(r.sendRate) };
  const recv: Column = { title: 'RECV/s', cell: (r) => rate(r.receiveRate) };
  if (width < 44) return [{ title: 'TOTAL/s', cell: (r) => rate(sum(r.sendRate, r.receiveRate)) }];
  if (width < 72) return [send, recv];
  return [
    send,
    recv,
    { title: 'SENT', cell: (r) => formatBytes(r.bytesSent) },
    { title: 'RECEIVED', cell: (r) => formatBytes(r.bytesReceived) },
  ];
}

const rate = (n: number | null) => (n === null ? '…' : formatRate(n).replace('/s', ''));
const sum = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b);

export function renderTopFrame(snapshot: Snapshot | null, rows: TrafficRow[], o: TopFrameOptions): string[] {
  const width = Math.max(20, o.width);
  const traffic = snapshot?.traffic;
  const total = rows.reduce((t, r) => ({ up: t.up + (r.sendRate ?? 0), down: t.down + (r.receiveRate ?? 0) }), {
    up: 0,
    down: 0,
  });
  const when = snapshot ? snapshot.takenAt.slice(11, 19) : '--:--:--';
  const head = [
    `sockeye top · by ${o.by} · every ${o.intervalMs / 1000}s · ${when}`,
    traffic?.intervalMs != null ? `↑ ${formatRate(total.up)} ↓ ${formatRate(total.down)}` : 'measuring…',
    o.filter ? `filter: ${o.filter}` : null,
    'q quits',
  ]
    .filter(Boolean)
    .join(' · ');
  const lines = [fitWidth(terminalSafe(head), width)];
  if (!snapshot) return [...lines, 'collecting…'];
  if (!traffic?.available) {
    lines.push(
      fitWidth(
        terminalSafe(`traffic unavailable: ${traffic?.unavailableReason ?? 'this collector counts no traffic'}`),
        width,
      ),
    );
    return lines;
  }
  const cols = columnsFor(width);
  const nameWidth = Math.max(8, width - cols.length * (NUM + 1));
  const header =
    cols.map((c) => c.title.padStart(NUM)).join(' ') +
    ' ' +
    (o.by === 'remote' ? 'REMOTE HOST' : o.by === 'connection' ? 'CONNECTION' : 'PROCESS');
  lines.push(fitWidth(header, width));
  const room = Math.max(1, o.height - lines.length - 1);
  for (const r of rows.slice(0, room)) {
    const name = terminalSafe(o.by === 'connection' ? `${r.label}  ${r.detail}` : `${r.label}  (${r.detail})`);
    lines.push(cols.map((c) => c.cell(r).padStart(NUM)).join(' ') + ' ' + fitWidth(name, nameWidth));
  }
  if (rows.length === 0) lines.push('no traffic counted yet');
  else if (rows.length > room) lines.push(`… ${rows.length - room} more`);
  return lines;
}
