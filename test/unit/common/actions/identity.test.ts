import { describe, expect, it } from 'vitest';
import { checkIdentity } from '../../../../src/common/actions/identity';
import { parseStopSignal } from '../../../../src/common/actions/signals';

const confirmed = { pid: 4242, startedAt: '2026-12-01T09:00:00.120Z', path: '/usr/bin/node' };

describe('checkIdentity', () => {
  it('accepts the same pid, start time and executable', () => {
    expect(checkIdentity(confirmed, { ...confirmed })).toEqual({ same: true });
  });

  it('accepts start times one clock tick apart (the same process read twice)', () => {
    expect(checkIdentity(confirmed, { ...confirmed, startedAt: '2026-12-01T09:00:00.130Z' }).same).toBe(true);
  });

  it('refuses a pid whose start time changed: the pid was reused', () => {
    const r = checkIdentity(confirmed, { ...confirmed, startedAt: '2026-12-01T09:00:05.000Z' });
    expect(r).toMatchObject({ same: false, gone: false });
    expect(!r.same && r.reason).toMatch(/reused/);
  });

  it('refuses a reused pid even when the new process runs the same executable', () => {
    const r = checkIdentity(confirmed, { ...confirmed, startedAt: '2026-12-01T09:00:00.200Z' });
    expect(r.same).toBe(false);
  });

  it('refuses when the executable changed (exec into another program)', () => {
    const r = checkIdentity(confirmed, { ...confirmed, path: '/usr/bin/python3' });
    expect(r.same).toBe(false);
    expect(!r.same && r.reason).toMatch(/python3/);
  });

  it('says gone when nothing runs under the pid', () => {
    expect(checkIdentity(confirmed, null)).toMatchObject({ same: false, gone: true });
  });

  it('refuses when a start time is unknown: a reused pid could not be told apart', () => {
    expect(checkIdentity({ ...confirmed, startedAt: null }, confirmed).same).toBe(false);
    expect(checkIdentity(confirmed, { ...confirmed, startedAt: null }).same).toBe(false);
  });

  it('refuses an unparsable start time', () => {
    expect(checkIdentity(confirmed, { ...confirmed, startedAt: 'yesterday' }).same).toBe(false);
  });
});

describe('parseStopSignal', () => {
  it('reads the names kill -l uses, with or without SIG, any case', () => {
    expect(parseStopSignal('TERM')).toBe('SIGTERM');
    expect(parseStopSignal('sigkill')).toBe('SIGKILL');
    expect(parseStopSignal('hup')).toBe('SIGHUP');
    expect(parseStopSignal('SIGSTOP')).toBeNull();
    expect(parseStopSignal('9')).toBeNull();
  });
});
