import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDnat, parseConntrack, parseConntrackLine } from '../../../../src/common/nat/conntrack';
import { publishedFromConntrack } from '../../../../src/common/nat/publishedPorts';

const recorded = readFileSync(resolve(__dirname, '../../../fixtures/conntrack/nf_conntrack.txt'), 'latin1');

describe('conntrack lines (recorded from a real nftables DNAT)', () => {
  const { entries, bad } = parseConntrack(recorded);

  it('reads every recorded line, original and reply tuples apart', () => {
    expect(bad).toBe(0);
    expect(entries).toHaveLength(5);
    expect(entries[0]).toEqual({
      protocol: 'tcp',
      state: 'ESTABLISHED',
      src: '198.19.77.1',
      dst: '198.19.77.1',
      sport: 46898,
      dport: 8080,
      replySrc: '198.19.77.2',
      replyDst: '198.19.77.1',
      replySport: 8000,
      replyDport: 46898,
    });
    expect(entries[1]).toMatchObject({
      protocol: 'udp',
      state: null,
      dport: 5353,
      replySrc: '198.19.77.2',
      replySport: 53,
    });
    expect(entries[2]!.state).toBe('CLOSE_WAIT');
  });

  it('writes IPv6 addresses short, as sockets carry them', () => {
    expect(entries[3]).toMatchObject({ src: '::1', dst: '::1', replySrc: '::1', replyDst: '::1' });
  });

  it('tells DNAT from a direct connection by the reply tuple', () => {
    expect(entries.map(isDnat)).toEqual([true, true, true, false, true]);
  });

  it('groups DNAT into published ports per namespace, counting connections', () => {
    expect(publishedFromConntrack([{ netns: 7, entries }])).toEqual([
      {
        netns: 7,
        protocol: 'tcp',
        address: '::1',
        port: 8080,
        toAddress: '::1',
        toPort: 8000,
        via: 'conntrack',
        connections: 1,
      },
      {
        netns: 7,
        protocol: 'tcp',
        address: '198.19.77.1',
        port: 8080,
        toAddress: '198.19.77.2',
        toPort: 8000,
        via: 'conntrack',
        connections: 2,
      },
      {
        netns: 7,
        protocol: 'udp',
        address: '198.19.77.1',
        port: 5353,
        toAddress: '198.19.77.2',
        toPort: 53,
        via: 'conntrack',
        connections: 1,
      },
    ]);
  });

  it('with dnatOnly keeps the DNAT entries only (as the collector reads tables)', () => {
    const only = parseConntrack(recorded, true);
    expect(only.bad).toBe(0);
    expect(only.entries).toEqual(entries.filter(isDnat));
  });

  it('skips and counts malformed lines; protocols without ports are neither entries nor bad', () => {
    const text = [
      recorded.split('\n')[0],
      'ipv4     2 icmp     1 29 src=198.19.77.1 dst=198.19.77.2 type=8 code=0 id=1 src=198.19.77.2 dst=198.19.77.1 type=0 code=0 id=1 mark=0 use=1',
      'garbage',
      'ipv4     2 tcp      6 10 ESTABLISHED src=1.2.3.4 dst=5.6.7.8 sport=1 dport=2',
      'ipv4     2 tcp      6 10 ESTABLISHED src=1.2.3.4 dst=5.6.7.8 sport=1 dport=99999 src=5.6.7.8 dst=1.2.3.4 sport=2 dport=1',
      '',
    ].join('\n');
    const parsed = parseConntrack(text);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.bad).toBe(3);
    expect(parseConntrackLine('ipv4 2 icmp 1 29 src=a dst=b')).toBe('other');
  });
});
