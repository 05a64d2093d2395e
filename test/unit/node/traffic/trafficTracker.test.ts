/**
 * Attribution of closed connections and rates, with the kernel's destroy events fed from a
 * scripted event source in the addon's shape (the real kernel path is covered by
 * test/integration/traffic.test.ts; these are the orderings a real run cannot force).
 */
import { describe, expect, it } from 'vitest';
import { TrafficTracker } from '../../../../src/node/traffic/trafficTracker';
import type { NetlinkAddon } from '../../../../src/node/netlink/netlinkAddon';
import type { DiagEntry } from '../../../../src/node/netlink/inetDiag';

/** A destroy message as the kernel sends it (inet_diag_msg + INET_DIAG_INFO), inode and uid 0. */
function destroyMessage(cookie: number, localPort: number, remotePort: number, sent: number, received: number): Buffer {
  const info = 232;
  const len = 16 + 72 + 4 + info;
  const b = Buffer.alloc(len);
  b.writeUInt32LE(len, 0);
  b.writeUInt16LE(20, 4);
  b[16] = 2;
  b[17] = 7;
  b.writeUInt16BE(localPort, 20);
  b.writeUInt16BE(remotePort, 22);
  b.set([127, 0, 0, 1], 24);
  b.set([127, 0, 0, 1], 40);
  b.writeUInt32LE(cookie, 60);
  b.writeUInt16LE(4 + info, 88);
  b.writeUInt16LE(2, 90);
  b.writeUInt32LE(sent + 1, 92 + 120);
  b.writeUInt32LE(received, 92 + 128);
  return b;
}

function fakeAddon(): NetlinkAddon & { queue: Buffer[] } {
  const queue: Buffer[] = [];
  return {
    queue,
    request: () => Buffer.alloc(0),
    subscribe: () => 99,
    drain: () => ({ data: Buffer.concat(queue.splice(0)), lost: 0 }),
    close: () => {},
  };
}

const row = (over: Partial<DiagEntry>): DiagEntry => ({
  protocol: 'tcp',
  family: 'IPv4',
  localAddress: '127.0.0.1',
  localPort: 40000,
  remoteAddress: '127.0.0.1',
  remotePort: 8080,
  state: 'ESTABLISHED',
  pid: 10,
  uid: 0,
  inode: 1,
  cookie: 1,
  bytesSent: 0,
  bytesReceived: 0,
  bytesRetransmitted: 0,
  rttMs: 0,
  sendRate: null,
  receiveRate: null,
  ...over,
});

const listener = row({
  localPort: 8080,
  remoteAddress: null,
  remotePort: null,
  state: 'LISTEN',
  pid: 20,
  cookie: 500,
  inode: 500,
});

describe('TrafficTracker', () => {
  it('gives rates from two samples by cookie, and a new socket all of its bytes', () => {
    const addon = fakeAddon();
    const t = new TrafficTracker(addon, '/nonexistent');
    const a = row({ bytesSent: 1000 });
    expect(t.sample([a], 0, []).intervalMs).toBeNull();
    expect(a.sendRate).toBeNull();
    const a2 = row({ bytesSent: 3000 });
    const b = row({ cookie: 2, inode: 2, bytesSent: 500 });
    expect(t.sample([a2, b], 2000, []).intervalMs).toBe(2000);
    expect(a2.sendRate).toBe(1000);
    expect(b.sendRate).toBe(250);
    t.close();
  });

  it('credits a closed connection to its owner at the last sample, with only the bytes since then in the rate', () => {
    const addon = fakeAddon();
    const t = new TrafficTracker(addon, '/nonexistent');
    t.sample([listener, row({ bytesSent: 1000 })], 0, []);
    addon.queue.push(destroyMessage(1, 40000, 8080, 5000, 0));
    const c = t.sample([listener], 1000, []);
    expect(c.closed).toEqual([
      { pid: 10, connections: 1, bytesSent: 5000, bytesReceived: 0, intervalSent: 4000, intervalReceived: 0 },
    ]);
    t.close();
  });

  it('credits an accepted connection never seen to the listener’s owner, a connecting one to nobody', () => {
    const addon = fakeAddon();
    const t = new TrafficTracker(addon, '/nonexistent');
    t.sample([listener], 0, []);
    addon.queue.push(destroyMessage(7, 8080, 45000, 0, 5000)); // the accepted end
    addon.queue.push(destroyMessage(8, 45000, 8080, 5000, 0)); // the connecting end
    const c = t.sample([listener], 1000, []);
    expect(c.closed.find((x) => x.pid === 20)).toMatchObject({ bytesReceived: 5000, intervalReceived: 5000 });
    expect(c.closed.find((x) => x.pid === null)).toMatchObject({ bytesSent: 5000, connections: 1 });
    t.close();
  });

  it('settles a close reported while its socket is still in the dump at the next sample, counted once', () => {
    const addon = fakeAddon();
    const t = new TrafficTracker(addon, '/nonexistent');
    t.sample([row({ bytesSent: 100 })], 0, []);
    addon.queue.push(destroyMessage(1, 40000, 8080, 900, 0));
    const still = row({ bytesSent: 800 });
    const first = t.sample([still], 1000, []);
    expect(still.sendRate).toBe(700);
    expect(first.closed).toEqual([]);
    const next = t.sample([], 2000, []);
    expect(next.closed).toEqual([
      { pid: 10, connections: 1, bytesSent: 900, bytesReceived: 0, intervalSent: 100, intervalReceived: 0 },
    ]);
    t.close();
  });
});
