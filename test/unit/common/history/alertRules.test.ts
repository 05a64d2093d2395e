import { describe, expect, it } from 'vitest';
import { AlertMatcher, DEFAULT_ALERT, expectedKey, parseAlertRule } from '../../../../src/common/history/alertRules';
import type { HistoryEvent } from '../../../../src/common/history/historyEvents';
import { indexHint } from '../../../../src/common/history/eventQuery';
import { parseFilter } from '../../../../src/common/filter';
import { proc, sock } from '../../../support/sampleSnapshot';

const rule = (t: string) => {
  const r = parseAlertRule(t);
  if (!r.ok) throw new Error(r.error);
  return r.rule;
};
const ev = (kind: HistoryEvent['kind'], over: Parameters<typeof sock>[0] = {}): HistoryEvent => ({
  time: '2026-12-01T10:00:00.000Z',
  kind,
  socket: sock(over),
  process: proc(over.pid ?? 10),
});

describe('alert rules', () => {
  it('default rule: a new listener reachable beyond this machine', () => {
    const m = new AlertMatcher([rule(DEFAULT_ALERT)]);
    const local = ev('listen-start');
    const exposed = ev('listen-start', { localAddress: '0.0.0.0', localScope: 'unspecified', localPort: 22 });
    expect(m.check([local, exposed]).map((a) => a.event)).toEqual([exposed]);
    expect(m.check([ev('listen-stop', { localAddress: '0.0.0.0', localScope: 'unspecified' })])).toEqual([]);
  });

  it('KIND=FILTER watches that kind; new-remote and serve-start fire once', () => {
    const m = new AlertMatcher([rule('new-remote=rscope:public'), rule('serve-start=')]);
    const out = {
      state: 'ESTABLISHED' as const,
      side: 'client' as const,
      remoteAddress: '93.184.216.34',
      remotePort: 443,
      remoteScope: 'public' as const,
      localPort: 50000,
    };
    expect(m.check([ev('connect', out)]).map((a) => a.rule)).toEqual(['new-remote=rscope:public']);
    expect(m.check([ev('connect', { ...out, localPort: 50001 })])).toEqual([]);
    expect(m.check([ev('listen-start', { pid: 20 })]).map((a) => a.rule)).toEqual(['serve-start=']);
    expect(m.check([ev('listen-start', { pid: 20, localPort: 9 })])).toEqual([]);
  });

  it('what prime() saw is not new; expected listeners never alert', () => {
    const s = sock({ localAddress: '0.0.0.0', localScope: 'unspecified', localPort: 22, pid: 30 });
    const expected = new Set([expectedKey(s, '/usr/bin/p30', 'p30')]);
    const m = new AlertMatcher([rule('is:listening')], expected);
    expect(m.check([{ ...ev('listen-start'), socket: s, process: proc(30) }])).toEqual([]);
    expect(m.check([{ ...ev('listen-start'), socket: { ...s, localPort: 23 }, process: proc(30) }])).toHaveLength(1);
  });

  it('a bad rule is a positioned filter message', () => {
    const r = parseAlertRule('connect=prot:tcp');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/did you mean `proto:`/);
  });

  it('one port or one pid uses an index; anything else reads the span', () => {
    expect(indexHint(parseFilter('port:5432'))).toEqual({ port: 5432 });
    expect(indexHint(parseFilter('rport:443'))).toEqual({ port: 443 });
    expect(indexHint(parseFilter('pid:77'))).toEqual({ pid: 77 });
    expect(indexHint(parseFilter('port:80,443'))).toEqual({});
    expect(indexHint(parseFilter('port:80 proc:nginx'))).toEqual({});
    expect(indexHint(null)).toEqual({});
  });
});
