/**
 * History while the desktop app or `sockeye serve` runs. Lives wherever collection runs — the
 * snapshot worker in Electron and serve, so the serving thread pays nothing for it (ADR 0051) —
 * and is handed every live tick: the whole snapshot and the delta live refresh already computed
 * (`record(next, liveDelta)`). It records (when on), checks the alert rules on the tick's events,
 * keeps the alerts in the database, and answers the UI's reads (a moment, events, alerts, info).
 * A second recorder on the file or a file that is not ours is a state it reports, not a crash.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Snapshot } from '../../common/model/model';
import type { SnapshotDelta } from '../../common/snapshot/snapshotDelta';
import { AlertMatcher, DEFAULT_ALERT, expectedKey, parseAlertRule, type Alert } from '../../common/history/alertRules';
import { isListening } from '../../common/derive/listening';
import { HistoryRecorder } from './historyRecorder';
import { HistoryDbError, fileBytes, openHistoryDb, scalar, type Db } from './historyDb';
import { RecorderBusyError, activeRecorder } from './recorderLock';
import { expectedListeners, recordedSpan } from './historyReader';

export interface HistoryConfig {
  /** The database file. */
  path: string;
  /** Record while running (else only read what another recorder wrote). */
  record: boolean;
  /** Ticks closer than this to the last recorded one are not recorded (default 1 s). */
  minGapMs?: number;
}

export type HistoryProblem = { kind: 'busy' | 'foreign' | 'error'; message: string };

export interface HistoryStatus {
  path: string | null;
  recording: boolean;
  /** Why recording or reading is not possible, in one line. */
  problem: HistoryProblem | null;
  /** Bytes on disk (file and WAL). */
  bytes: number;
  /** The pid of another process recording into the file, if any. */
  otherRecorder: number | null;
  rules: string[];
}

/** An alert as the UI lists it. */
export interface StoredAlert extends Alert {
  id: number;
  at: string;
}

const ALERTS_SCHEMA = `CREATE TABLE IF NOT EXISTS alerts (
  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, rule TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS alerts_at ON alerts (at);`;

function problemOf(err: unknown): HistoryProblem {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RecorderBusyError) return { kind: 'busy', message };
  if (err instanceof HistoryDbError) return { kind: 'foreign', message };
  return { kind: 'error', message };
}

export class HistorySession {
  private config: HistoryConfig | null = null;
  private recorder: HistoryRecorder | null = null;
  private reader: Db | null = null;
  private problem: HistoryProblem | null = null;
  private matcher: AlertMatcher | null = null;
  private rules: string[] = [DEFAULT_ALERT];
  private lastRecordedAt = -Infinity;
  private latest: Snapshot | null = null;

  constructor(private readonly onAlerts: (alerts: StoredAlert[]) => void = () => {}) {}

  /** (Re)configures: opens the file for recording or for reading; a problem is kept, not thrown. */
  configure(config: HistoryConfig): HistoryStatus {
    this.close();
    this.config = config;
    this.problem = null;
    try {
      const folder = dirname(config.path);
      if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: 0o700 });
      if (config.record) this.startRecorder(config.path);
      else if (existsSync(config.path)) this.reader = openHistoryDb(config.path, { create: false });
    } catch (err) {
      this.close();
      this.problem = problemOf(err);
    }
    return this.status();
  }

  private startRecorder(path: string): void {
    this.recorder = HistoryRecorder.open(path);
    const db = this.recorder.database;
    db.exec(ALERTS_SCHEMA);
    const stored = scalar<string>(db, "SELECT value FROM meta WHERE key = 'alertRules'", 'value');
    if (stored) this.rules = JSON.parse(stored) as string[];
    this.rebuildMatcher();
  }

  private rebuildMatcher(): void {
    const db = this.db;
    const parsed = this.rules.map(parseAlertRule).flatMap((r) => (r.ok ? [r.rule] : []));
    this.matcher = new AlertMatcher(parsed, db ? new Set(expectedListeners(db).keys()) : new Set());
    const base = this.recorder?.lastRecorded ?? this.latest;
    if (base) this.matcher.prime(base.sockets);
  }

  /** The open database (the recorder's, or a reader's), or null. */
  get db(): Db | null {
    return this.recorder?.database ?? this.reader;
  }

  /** One live tick: record it (if on and not too close to the last) and check the alert rules. */
  onTick(next: Snapshot, liveDelta: SnapshotDelta | null): StoredAlert[] {
    this.latest = next;
    const rec = this.recorder;
    if (!rec) return [];
    const at = Date.parse(next.takenAt);
    if (at - this.lastRecordedAt < (this.config?.minGapMs ?? 1000)) return [];
    this.lastRecordedAt = at;
    let alerts: StoredAlert[] = [];
    try {
      const r = rec.record(next, liveDelta ?? undefined);
      alerts = this.storeAlerts(at, this.matcher?.check(r.events) ?? []);
    } catch (err) {
      // A full disk or a file removed under us: say so once, stop recording, keep serving.
      this.problem = problemOf(err);
      this.close();
    }
    if (alerts.length > 0) this.onAlerts(alerts);
    return alerts;
  }

  private storeAlerts(at: number, alerts: Alert[]): StoredAlert[] {
    const db = this.recorder!.database;
    const put = db.prepare('INSERT INTO alerts (at, rule, body) VALUES (?, ?, ?)');
    const out: StoredAlert[] = [];
    db.transaction(() => {
      for (const a of alerts) {
        const id = Number(put.run([at, a.rule, JSON.stringify(a.event)]).lastInsertRowid);
        out.push({ ...a, id, at: new Date(at).toISOString() });
      }
      // Alerts go with the history they point into.
      db.prepare('DELETE FROM alerts WHERE at < (SELECT min(at) FROM ticks)').run([]);
    })();
    return out;
  }

  /** The newest alerts, newest first. */
  alerts(limit: number): StoredAlert[] {
    const db = this.db;
    if (!db || !db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alerts'").get([]))
      return [];
    const rows = db.prepare('SELECT id, at, rule, body FROM alerts ORDER BY id DESC LIMIT ?').all([limit]) as {
      id: number;
      at: number;
      rule: string;
      body: string;
    }[];
    return rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), rule: r.rule, event: JSON.parse(r.body) }));
  }

  /** Replaces the alert rules (the recorder keeps them in the file); returns the first bad rule's message. */
  setRules(rules: string[]): string | null {
    for (const text of rules) {
      const r = parseAlertRule(text);
      if (!r.ok) return `${text}: ${r.error}`;
    }
    const db = this.recorderDb();
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('alertRules', ?)").run([JSON.stringify(rules)]);
    this.rules = [...rules];
    this.rebuildMatcher();
    return null;
  }

  /** Marks the listeners of the latest tick as expected (they never alert); returns how many. */
  expectCurrent(): number {
    const db = this.recorderDb();
    const snap = this.latest;
    if (!snap) return 0;
    const procs = new Map(snap.processes.map((p) => [p.pid, p]));
    const put = db.prepare('INSERT OR REPLACE INTO expected (key, label, since) VALUES (?, ?, ?)');
    let n = 0;
    db.transaction(() => {
      for (const s of snap.sockets) {
        if (!isListening(s)) continue;
        const p = s.pid !== null ? procs.get(s.pid) : undefined;
        put.run([expectedKey(s, p?.path ?? null, p?.name ?? null), p?.label ?? `pid ${s.pid}`, Date.now()]);
        n++;
      }
    })();
    this.rebuildMatcher();
    return n;
  }

  private recorderDb(): Db {
    if (!this.recorder)
      throw new HistoryDbError('not recording: rules and expected listeners are kept by the recorder');
    return this.recorder.database;
  }

  status(): HistoryStatus {
    const db = this.db;
    let otherRecorder: number | null = null;
    if (db && !this.recorder) {
      try {
        otherRecorder = activeRecorder(db);
      } catch {
        otherRecorder = null;
      }
    }
    return {
      path: this.config?.path ?? null,
      recording: this.recorder !== null,
      problem: this.problem,
      bytes: this.config ? fileBytes(this.config.path) : 0,
      otherRecorder,
      rules: [...this.rules],
    };
  }

  /** The recorded span (ms), or null. */
  span(): { first: number; last: number } | null {
    const db = this.db;
    return db ? recordedSpan(db) : null;
  }

  close(): void {
    try {
      this.recorder?.close();
    } catch {
      // closing a file that failed: nothing more to do
    }
    this.reader?.close();
    this.recorder = null;
    this.reader = null;
    this.matcher = null;
  }
}
