/** `sockeye history` and `sockeye watch` for people: one line per event, like a log. */
import { endpointText } from '../../common/text/endpointText';
import type { HistoryEvent } from '../../common/history/historyEvents';

function socketText(e: HistoryEvent): string {
  const s = e.socket!;
  const end = (a: string | null, p: number | null) => endpointText(a, p, { noPort: 'omit' });
  const ends =
    s.remoteAddress === null
      ? end(s.localAddress, s.localPort)
      : `${end(s.localAddress, s.localPort)} → ${end(s.remoteAddress, s.remotePort)}`;
  return `${s.protocol} ${ends}${s.state ? `  ${s.state}` : ''}`;
}

function ownerText(e: HistoryEvent): string {
  if (e.process) return `${e.process.label} (${e.process.pid})`;
  const pid = e.socket?.pid;
  return pid != null ? `pid ${pid}` : 'owner hidden';
}

export function eventLine(e: HistoryEvent): string {
  const what = e.socket ? socketText(e) : '';
  return [e.time, e.kind.padEnd(13), what, ownerText(e)].filter(Boolean).join('  ');
}
