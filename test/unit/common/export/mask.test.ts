import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { exportSnapshot } from '../../../../src/common/export/exportSnapshot';
import { maskSnapshot } from '../../../../src/common/export/mask';
import { sampleSnapshot } from '../../../support/sampleSnapshot';

describe('maskSnapshot', () => {
  const s = sampleSnapshot();
  const m = maskSnapshot(s);
  const all = (text: string) =>
    [
      '93.184.216.34',
      '8.8.4.4',
      'build-box',
      'peer.example.net',
      'alice',
      '@bob',
      '/home/alice',
      'my-api',
      '52:54:00:12:34:56',
    ].filter((v) => text.includes(v));

  it('replaces public IPs, host names, users, command lines, paths and MACs by tokens', () => {
    expect(all(JSON.stringify(m))).toEqual([]);
    expect(m.host.hostname).toBe('host-1');
    expect(m.processes.map((p) => p.user)).toEqual(['user-1', 'user-2', 'user-3']);
    expect(m.processes[0]!.label).toBe('node · app-1');
    expect(m.processes[2]!.label).toBe('sshd'); // a plain name says nothing private
    expect(m.interfaces[1]!.mac).toBe('mac-1');
    expect(m.interfaces[0]!.mac).toBe('00:00:00:00:00:00');
  });

  it('gives the same value the same token everywhere, IPv4-mapped forms included', () => {
    const ifaceIp = m.interfaces[1]!.addresses[0]!;
    expect(ifaceIp.address).toBe('public-ip-1');
    expect(ifaceIp.cidr).toBe('public-ip-1/24');
    expect(m.sockets[4]!.localAddress).toBe('public-ip-1');
    expect(m.sockets[5]!.localAddress).toBe('public-ip-1'); // ::ffff:93.184.216.34
    expect(m.sockets[4]!.remoteAddress).toBe('public-ip-2');
    expect(m.sockets[5]!.remoteAddress).toBe('public-ip-2');
    expect(m.dnsNames[0]).toMatchObject({ address: 'public-ip-2', names: ['host-2'] });
    // the cwd of pid 10 and the path inside its warning map to one token
    expect(m.processes[0]!.cwd).toMatch(/^path-\d+$/);
    expect(m.warnings[0]).toContain(m.processes[0]!.cwd!);
    expect(m.warnings[0]).toContain('user-1');
  });

  it('masks IPv6 addresses built from a MAC (EUI-64), link-local ones too, and keeps other IPv6 addresses', () => {
    const withEui = sampleSnapshot();
    withEui.interfaces[1]!.addresses.push(
      { address: 'fe80::5054:ff:fe12:3456', family: 'IPv6', cidr: 'fe80::5054:ff:fe12:3456/64', scope: 'link-local' },
      { address: 'fd00::1', family: 'IPv6', cidr: 'fd00::1/64', scope: 'unique-local' },
    );
    const masked = maskSnapshot(withEui);
    expect(masked.interfaces[1]!.addresses[2]).toMatchObject({
      address: 'ipv6-from-mac-1',
      cidr: 'ipv6-from-mac-1/64',
    });
    expect(masked.interfaces[1]!.addresses[3]!.address).toBe('fd00::1');
    expect(JSON.stringify(masked)).not.toContain('fe12:3456');
  });

  it('keeps what is not private: loopback and private addresses, ports, pids, roles, edges', () => {
    expect(m.sockets[0]!.localAddress).toBe('127.0.0.1');
    expect(m.interfaces[1]!.addresses[1]!.address).toBe('192.168.1.20');
    expect(m.sockets.map((x) => [x.localPort, x.pid, x.state])).toEqual(
      s.sockets.map((x) => [x.localPort, x.pid, x.state]),
    );
    expect(m.edges).toEqual(s.edges);
    expect(m.processes.map((p) => p.role)).toEqual(s.processes.map((p) => p.role));
    expect(s.host.hostname).toBe('build-box.corp.example'); // input untouched
  });

  it('makes JSON, CSV and HTML of one export agree', () => {
    const json = exportSnapshot(s, { format: 'json', mask: true });
    const csv = exportSnapshot(s, { format: 'csv', mask: true });
    const html = exportSnapshot(s, { format: 'html', mask: true });
    for (const text of [json, csv, html]) expect(all(text)).toEqual([]);
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    const doc = JSON.parse(json) as typeof s;
    expect(rows.map((r) => r.localAddress)).toEqual(doc.sockets.map((x) => x.localAddress));
    expect(rows.map((r) => r.user)).toEqual(
      doc.sockets.map((x) => doc.processes.find((p) => p.pid === x.pid)?.user ?? ''),
    );
    expect(html).toContain('public-ip-1');
    expect(html).toContain('host-1');
  });
});
