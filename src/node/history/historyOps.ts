/**
 * The history methods as they run beside collection (historySession.ts): each takes plain params
 * (already validated by the dispatcher with the contract's schemas) and answers JSON text, so the
 * serving thread forwards it without parsing (a moment at 20k sockets is ~5 MB).
 */
import { compileFilter, formatFilterError, tryParseFilter } from '../../common/filter';
import { indexHint } from '../../common/history/eventQuery';
import type { HistoryEvent } from '../../common/history/historyEvents';
import { eventsBetween, snapshotAt } from './historyReader';
import type { HistoryConfig, HistorySession } from './historySession';

export type HistoryOp =
  | { op: 'configure'; config: HistoryConfig }
  | { op: 'info' }
  | { op: 'at'; at: string }
  | { op: 'events'; since: string; until?: string; filter?: string; limit?: number }
  | { op: 'alerts'; limit?: number }
  | { op: 'setRules'; rules: string[] }
  | { op: 'expectCurrent' };

/** A refusal whose message is for the user (the API turns it into an ApiError). */
export class HistoryOpError extends Error {}

function msOf(text: string, what: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new HistoryOpError(`${what} is not a time: ${text.slice(0, 64)}`);
  return ms;
}

export function infoJson(session: HistorySession): string {
  const status = session.status();
  const span = session.span();
  return JSON.stringify({
    available: session.db !== null,
    recording: status.recording,
    problem: status.problem,
    path: status.path,
    bytes: status.bytes,
    otherRecorder: status.otherRecorder,
    span: span ? { first: new Date(span.first).toISOString(), last: new Date(span.last).toISOString() } : null,
    rules: status.rules,
    canToggle: false,
  });
}

function eventsJson(session: HistorySession, q: Extract<HistoryOp, { op: 'events' }>): string {
  const db = session.db;
  if (!db) return JSON.stringify({ events: [], truncated: false });
  const parsed = q.filter ? tryParseFilter(q.filter) : null;
  if (parsed?.error) throw new HistoryOpError(formatFilterError(q.filter!, parsed.error));
  const matches = parsed?.ast ? compileFilter(parsed.ast) : null;
  const limit = q.limit ?? 500;
  const span = { since: msOf(q.since, 'since'), until: q.until ? msOf(q.until, 'until') : undefined };
  // The newest `limit` events are the ones a person asks about ("who connected today").
  const kept: HistoryEvent[] = [];
  let truncated = false;
  for (const e of eventsBetween(db, { ...span, ...indexHint(parsed?.ast ?? null) })) {
    if (matches && !matches(e.socket, e.process ?? undefined)) continue;
    kept.push(e);
    if (kept.length > limit) {
      kept.shift();
      truncated = true;
    }
  }
  return JSON.stringify({ events: kept, truncated });
}

export function runHistoryOp(session: HistorySession, req: HistoryOp): string {
  switch (req.op) {
    case 'configure':
      session.configure(req.config);
      return infoJson(session);
    case 'info':
      return infoJson(session);
    case 'at': {
      const db = session.db;
      return JSON.stringify({ snapshot: db ? snapshotAt(db, msOf(req.at, 'at')) : null });
    }
    case 'events':
      return eventsJson(session, req);
    case 'alerts':
      return JSON.stringify({ alerts: session.alerts(req.limit ?? 200) });
    case 'setRules': {
      const bad = session.setRules(req.rules);
      if (bad) throw new HistoryOpError(bad);
      return JSON.stringify({ rules: req.rules });
    }
    case 'expectCurrent':
      return JSON.stringify({ count: session.expectCurrent() });
  }
}
