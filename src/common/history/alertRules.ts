/**
 * Alert rules: a filter of the existing language plus the kind of event it watches. Written
 * `[KIND=]FILTER`: `is:exposed` (a new listener), `connect=rscope:public`, `new-remote=proc:curl`,
 * `serve-start=user:root`. Kinds beyond the event kinds: `new-remote` (a connection to a remote
 * address not seen before in this watch) and `serve-start` (a process's first listener).
 * "Expected" listeners (a baseline) never alert.
 */
import { compileFilter, formatFilterError, tryParseFilter, type FilterPredicate } from '../filter';
import type { Socket } from '../model/model';
import { HISTORY_EVENT_KINDS, type HistoryEvent } from './historyEvents';

export const ALERT_KINDS = [...HISTORY_EVENT_KINDS, 'new-remote', 'serve-start'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** The default rule: a new listener other machines can reach. */
export const DEFAULT_ALERT = 'is:exposed';

export interface AlertRule {
  text: string;
  kind: AlertKind;
  filter: string;
  matches: FilterPredicate;
}

export type RuleResult = { ok: true; rule: AlertRule } | { ok: false; error: string };

export function parseAlertRule(text: string): RuleResult {
  const m = /^([a-z-]+)=(.*)$/s.exec(text);
  const kind = (m && (ALERT_KINDS as readonly string[]).includes(m[1]!) ? m[1] : 'listen-start') as AlertKind;
  const filter = m && kind === m[1] ? m[2]! : text;
  const parsed = tryParseFilter(filter);
  if (parsed.error) return { ok: false, error: formatFilterError(filter, parsed.error) };
  return { ok: true, rule: { text, kind, filter, matches: compileFilter(parsed.ast) } };
}

/** What identifies a listener across restarts (not its pid): protocol, address, port, program. */
export function expectedKey(socket: Socket, programPath: string | null, programName: string | null): string {
  return `${socket.protocol}|${socket.localAddress}|${socket.localPort}|${programPath ?? programName ?? ''}`;
}

export interface Alert {
  rule: string;
  event: HistoryEvent;
}

/** Remembers what an alert stream has seen, for the kinds that mean "first time". */
export class AlertMatcher {
  private readonly remotes = new Set<string>();
  private readonly serving = new Set<number>();

  constructor(
    private readonly rules: readonly AlertRule[],
    private readonly expected: ReadonlySet<string> = new Set(),
  ) {}

  /** Marks what is already there (the first snapshot) as seen, so it does not alert as new. */
  prime(sockets: readonly Socket[]): void {
    for (const s of sockets) {
      if (s.remoteAddress) this.remotes.add(s.remoteAddress);
      if (s.state === 'LISTEN' && s.pid !== null) this.serving.add(s.pid);
    }
  }

  check(events: readonly HistoryEvent[]): Alert[] {
    const alerts: Alert[] = [];
    for (const event of events) {
      const kinds = this.kindsOf(event);
      for (const rule of this.rules) {
        if (!kinds.includes(rule.kind)) continue;
        if (!rule.matches(event.socket, event.process ?? undefined)) continue;
        if (event.kind === 'listen-start' && event.socket && this.isExpected(event)) continue;
        alerts.push({ rule: rule.text, event });
      }
    }
    return alerts;
  }

  private isExpected(e: HistoryEvent): boolean {
    return this.expected.has(expectedKey(e.socket!, e.process?.path ?? null, e.process?.name ?? null));
  }

  private kindsOf(e: HistoryEvent): AlertKind[] {
    const kinds: AlertKind[] = [e.kind];
    const s = e.socket;
    if (e.kind === 'connect' && s?.remoteAddress && !this.remotes.has(s.remoteAddress)) {
      this.remotes.add(s.remoteAddress);
      kinds.push('new-remote');
    }
    if (e.kind === 'listen-start' && s?.pid != null && !this.serving.has(s.pid)) {
      this.serving.add(s.pid);
      kinds.push('serve-start');
    }
    return kinds;
  }
}
