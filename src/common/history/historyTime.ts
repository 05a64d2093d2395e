/**
 * Moments and spans as people type them: ISO 8601 (`2026-12-01T03:00:00Z`, `2026-12-01 03:00`),
 * relative to now (`-1h`, `-90s`, `-2d`, `now`), and calendar words in local time (`yesterday 03:00`,
 * `today 9:30`, a bare `03:00` meaning today). Pure: "now" is passed in.
 */

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** A duration such as `90s`, `15m`, `1h30m`, `7d`; also a plain number of seconds. */
export function parseDuration(text: string): Parsed<number> {
  const t = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(t)) return { ok: true, value: Number(t) * 1000 };
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)\s*(ms|sec|min|s|m|h|d|w)/g)];
  const joined = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || joined.replace(/\s/g, '') !== t.replace(/\s/g, ''))
    return { ok: false, error: `bad duration '${text}' (examples: 90s, 15m, 1h30m, 7d)` };
  return { ok: true, value: parts.reduce((ms, p) => ms + Number(p[1]) * UNIT_MS[p[2]!]!, 0) };
}

function atClock(day: Date, clock: string | undefined): Parsed<number> {
  const d = new Date(day);
  if (clock === undefined) {
    d.setHours(0, 0, 0, 0);
    return { ok: true, value: d.getTime() };
  }
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(clock);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59)
    return { ok: false, error: `bad time of day '${clock}' (use HH:MM or HH:MM:SS)` };
  d.setHours(Number(m[1]), Number(m[2]), Number(m[3] ?? 0), 0);
  return { ok: true, value: d.getTime() };
}

/** A moment, in ms since the epoch. */
export function parseMoment(text: string, now: number): Parsed<number> {
  const t = text.trim().replace(/^@/, '');
  const lower = t.toLowerCase();
  if (lower === 'now') return { ok: true, value: now };
  if (t.startsWith('-')) {
    const d = parseDuration(t.slice(1));
    return d.ok ? { ok: true, value: now - d.value } : d;
  }
  const words = /^(today|yesterday)(?:\s+(\S+))?$/.exec(lower);
  if (words) {
    const day = new Date(now);
    if (words[1] === 'yesterday') day.setDate(day.getDate() - 1);
    return atClock(day, words[2]);
  }
  if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(t)) return atClock(new Date(now), t);
  // ISO 8601 (a space for the T is accepted); without a zone it is local time, as Date reads it.
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(t)) {
    const ms = Date.parse(t.length === 10 ? `${t}T00:00:00` : t.replace(' ', 'T'));
    if (!Number.isNaN(ms)) return { ok: true, value: ms };
  }
  return {
    ok: false,
    error: `bad time '${text}' (examples: 2026-12-01T03:00:00Z, -1h, -30m, yesterday 03:00, today 9:30, now)`,
  };
}

/** `--since`: a duration back from now (`1h`, `-1h`) or a moment (`yesterday 03:00`). */
export function parseSince(text: string, now: number): Parsed<number> {
  const d = parseDuration(text.trim().replace(/^-/, ''));
  if (d.ok) return { ok: true, value: now - d.value };
  return parseMoment(text, now);
}
