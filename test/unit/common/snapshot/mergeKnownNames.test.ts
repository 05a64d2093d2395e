/** Snapshot-side DNS helpers: which sockets talk to given addresses, and learned names in exports. */
import { describe, expect, it } from 'vitest';
import { socketsConnectedTo } from '../../../../src/common/viewModel/connectedTo';
import { mergeKnownNames } from '../../../../src/common/snapshot/mergeKnownNames';
import type { Snapshot, Socket } from '../../../../src/common/model/model';

const sock = (remoteAddress: string | null, pid: number): Socket =>
  ({
    protocol: 'tcp',
    family: 'IPv4',
    localAddress: '10.0.0.5',
    localPort: 40000 + pid,
    remoteAddress,
    remotePort: remoteAddress ? 443 : null,
    state: 'ESTABLISHED',
    pid,
  }) as unknown as Socket;

const snapshot = (sockets: Socket[], dnsNames: Snapshot['dnsNames'] = []): Snapshot =>
  ({ sockets, dnsNames }) as unknown as Snapshot;

describe('socketsConnectedTo', () => {
  it('matches remote ends, IPv4-mapped forms included', () => {
    const s = snapshot([sock('93.184.216.34', 1), sock('::ffff:93.184.216.34', 2), sock('10.0.0.9', 3), sock(null, 4)]);
    expect(socketsConnectedTo(s, ['93.184.216.34']).map((x) => x.pid)).toEqual([1, 2]);
    expect(socketsConnectedTo(s, ['not an address'])).toEqual([]);
  });
});

describe('mergeKnownNames', () => {
  it('adds learned names for the snapshot’s own addresses only, replacing older entries', () => {
    const s = snapshot(
      [sock('93.184.216.34', 1)],
      [{ address: '93.184.216.34', names: ['old.example'], source: 'dns-ptr', confirmed: false }],
    );
    const merged = mergeKnownNames(s, [
      { address: '::ffff:93.184.216.34', names: ['new.example'], source: 'dns-ptr', confirmed: true },
      { address: '192.0.2.1', names: ['elsewhere.example'], source: 'dns-ptr', confirmed: true },
    ]);
    expect(merged).toEqual([{ address: '93.184.216.34', names: ['new.example'], source: 'dns-ptr', confirmed: true }]);
  });
});
