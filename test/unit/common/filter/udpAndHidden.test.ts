import { describe, expect, it } from 'vitest';
import { filterSnapshot, parseFilter } from '../../../../src/common/filter';
import { sampleSnapshot, sock } from '../../../support/sampleSnapshot';

describe('filter terms a new user tries', () => {
  it('state:established matches a connected UDP socket (ss calls it ESTAB)', () => {
    const snap = sampleSnapshot();
    snap.sockets = [
      sock({ protocol: 'udp', state: 'CONNECTED', localPort: 40000, remoteAddress: '127.0.0.1', remotePort: 53 }),
      sock({ protocol: 'udp', state: 'UNCONN', localPort: 53, remoteAddress: null, remotePort: null }),
    ];
    expect(filterSnapshot(snap, parseFilter('state:established')).sockets.map((s) => s.state)).toEqual(['CONNECTED']);
    expect(filterSnapshot(snap, parseFilter('state:estab proto:udp')).sockets).toHaveLength(1);
    expect(filterSnapshot(snap, parseFilter('-state:established')).sockets.map((s) => s.state)).toEqual(['UNCONN']);
  });
  it("user:NAME matches a hidden owner's socket by the user its uid names", () => {
    const snap = sampleSnapshot();
    snap.sockets = [
      sock({ pid: null, uid: 101, user: 'redis', localPort: 6379, state: 'LISTEN' }),
      sock({ pid: null, uid: 0, user: 'root', localPort: 22, state: 'LISTEN' }),
    ];
    expect(filterSnapshot(snap, parseFilter('user:redis')).sockets.map((s) => s.localPort)).toEqual([6379]);
    expect(filterSnapshot(snap, parseFilter('redis')).sockets.map((s) => s.localPort)).toEqual([6379]);
  });
});
