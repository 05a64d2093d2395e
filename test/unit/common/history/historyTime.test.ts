import { describe, expect, it } from 'vitest';
import { parseDuration, parseMoment, parseSince } from '../../../../src/common/history/historyTime';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const value = <T>(r: { ok: true; value: T } | { ok: false; error: string }) => (r.ok ? r.value : r.error);

describe('historyTime', () => {
  it('reads durations', () => {
    expect(value(parseDuration('90s'))).toBe(90_000);
    expect(value(parseDuration('1h30m'))).toBe(5_400_000);
    expect(value(parseDuration('7d'))).toBe(7 * 86_400_000);
    expect(value(parseDuration('250ms'))).toBe(250);
    expect(value(parseDuration('12'))).toBe(12_000);
    expect(value(parseDuration('1hx'))).toMatch(/^bad duration '1hx'/);
    expect(value(parseDuration(''))).toMatch(/^bad duration/);
  });

  it('reads ISO 8601 and relative moments', () => {
    expect(value(parseMoment('2026-11-30T03:00:00Z', NOW))).toBe(Date.parse('2026-11-30T03:00:00Z'));
    expect(value(parseMoment('2026-11-30T03:00:00.250+01:00', NOW))).toBe(Date.parse('2026-11-30T02:00:00.250Z'));
    expect(value(parseMoment('2026-11-30 03:00', NOW))).toBe(new Date(2026, 10, 30, 3, 0).getTime());
    expect(value(parseMoment('-1h', NOW))).toBe(NOW - 3_600_000);
    expect(value(parseMoment('@-30m', NOW))).toBe(NOW - 1_800_000);
    expect(value(parseMoment('now', NOW))).toBe(NOW);
  });

  it('reads calendar words in local time', () => {
    const y = new Date(NOW);
    y.setDate(y.getDate() - 1);
    y.setHours(3, 0, 0, 0);
    expect(value(parseMoment('yesterday 03:00', NOW))).toBe(y.getTime());
    const t = new Date(NOW);
    t.setHours(9, 30, 0, 0);
    expect(value(parseMoment('today 9:30', NOW))).toBe(t.getTime());
    expect(value(parseMoment('9:30', NOW))).toBe(t.getTime());
    expect(value(parseMoment('yesterday 25:00', NOW))).toMatch(/bad time of day/);
    expect(value(parseMoment('tomorrowish', NOW))).toMatch(/^bad time 'tomorrowish' \(examples:/);
  });

  it('--since takes a duration back or a moment', () => {
    expect(value(parseSince('1h', NOW))).toBe(NOW - 3_600_000);
    expect(value(parseSince('-2d', NOW))).toBe(NOW - 2 * 86_400_000);
    expect(value(parseSince('2026-11-30T00:00:00Z', NOW))).toBe(Date.parse('2026-11-30T00:00:00Z'));
  });
});
