/** How an alert reads in a notification and in the Alerts list: what happened, where, who. */
import type { HistoryEvent } from './historyEvents';

const KIND_WORDS: Record<HistoryEvent['kind'], string> = {
  'listen-start': 'New listener',
  'listen-stop': 'Listener closed',
  connect: 'New connection',
  disconnect: 'Connection closed',
  'process-start': 'Process started',
  'process-exit': 'Process exited',
};

export function alertTitle(event: HistoryEvent): string {
  return KIND_WORDS[event.kind];
}

/** Which socket and which process: `tcp 0.0.0.0:8080 · python3 · srv (101)`. */
export function eventSummary(event: HistoryEvent): string {
  const s = event.socket;
  const where = s
    ? `${s.protocol} ${s.localAddress.includes(':') ? `[${s.localAddress}]` : s.localAddress}:${s.localPort}` +
      (s.remoteAddress ? ` → ${s.remoteAddress}:${s.remotePort ?? ''}` : '')
    : '';
  const who = event.process ? `${event.process.label || event.process.name} (${event.process.pid})` : 'hidden owner';
  return [where, who].filter(Boolean).join(' · ');
}

export function alertBody(event: HistoryEvent, rule: string): string {
  return `${eventSummary(event)} — rule ${rule}`;
}
