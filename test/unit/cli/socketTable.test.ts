import { describe, expect, it } from 'vitest';
import { formatSocketTable } from '../../../src/cli/text/socketTable';
import { sampleSnapshot, sock } from '../../support/sampleSnapshot';
import { NO_OWNER } from '../../../src/common/text/ownerWords';

describe('the CLI socket table', () => {
  it('says "1 owner hidden", not "1 owners hidden"', () => {
    const snap = sampleSnapshot();
    snap.host.unmappedSockets = 1;
    expect(formatSocketTable(snap).split('\n')[0]).toMatch(/· 1 owner hidden$/);
    snap.host.unmappedSockets = 2;
    expect(formatSocketTable(snap).split('\n')[0]).toMatch(/· 2 owners hidden$/);
  });
  it('names an ownerless TIME_WAIT socket with the one name every view uses', () => {
    const snap = sampleSnapshot();
    snap.sockets = [sock({ state: 'TIME_WAIT', pid: null, remoteAddress: '127.0.0.1', remotePort: 5000 })];
    expect(formatSocketTable(snap)).toContain(NO_OWNER);
  });
});
