import { describe, expect, it } from 'vitest';
import { diffHighlights, diffSnapshots } from '../../../../src/common/snapshot/snapshotDiff';
import { formatDiff } from '../../../../src/cli/text/diffText';
import { sampleSnapshot, sock } from '../../../support/sampleSnapshot';

describe('diff and closing sockets', () => {
  const a = sampleSnapshot();
  const b = sampleSnapshot();
  b.takenAt = new Date(Date.parse(a.takenAt) + 60_000).toISOString();
  const tw = (port: number) =>
    sock({
      state: 'TIME_WAIT',
      pid: null,
      localPort: port,
      remoteAddress: '10.1.2.3',
      remotePort: 443,
      side: 'client',
    });
  b.sockets = [...b.sockets, tw(40001), tw(40002), tw(40003)];

  it('leaves TIME_WAIT churn out by default and counts it', () => {
    const d = diffSnapshots(a, b);
    expect(d.added.sockets.filter((s) => s.state === 'TIME_WAIT')).toEqual([]);
    expect(d.ignored).toEqual({ closingSockets: 3 });
    expect(formatDiff(d, a, b)).toContain('(3 closing sockets such as TIME_WAIT left out; --include-closing');
  });

  it('compares them with includeClosing', () => {
    const d = diffSnapshots(a, b, { includeClosing: true });
    expect(d.added.sockets.filter((s) => s.state === 'TIME_WAIT')).toHaveLength(3);
    expect(d.ignored).toBeUndefined();
  });

  it('does not call a loopback peer a remote host seen for the first time', () => {
    const c = sampleSnapshot();
    c.sockets = [
      ...c.sockets,
      sock({ localPort: 45000, remoteAddress: '127.0.0.9', remotePort: 8080, remoteScope: 'loopback', side: 'client' }),
      sock({ localPort: 45001, remoteAddress: '203.0.113.7', remotePort: 443, remoteScope: 'public', side: 'client' }),
    ];
    expect(diffHighlights(diffSnapshots(a, c), a, c).newRemoteHosts).toEqual(['203.0.113.7']);
  });
});
