import { describe, expect, it } from 'vitest';
import { parseProcNet } from '../../../../../src/node/collectors/procfs/procNetParse';

// Lines as this machine's kernel printed them (6.x), trailing columns included.
const TCP_HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode                                                     \n';
const TCP6_HEADER =
  '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';

function tcpLine(sl: number, local: string, remote: string, st: string, uid = 1000, inode = 4242): string {
  return `${String(sl).padStart(4)}: ${local} ${remote} ${st} 00000000:00000000 00:00000000 00000000  ${uid}        0 ${inode} 1 00000000943168ef 100 0 0 10 0\n`;
}

describe('parseProcNet (tcp, IPv4)', () => {
  it('reads a listener: no peer, LISTEN, uid and inode', () => {
    const r = parseProcNet(TCP_HEADER + tcpLine(0, '00000000:07E8', '00000000:0000', '0A', 0, 110), 'tcp', 'IPv4');
    expect(r.malformed).toBe(0);
    expect(r.entries).toEqual([
      {
        protocol: 'tcp',
        family: 'IPv4',
        localAddress: '0.0.0.0',
        localPort: 2024,
        remoteAddress: null,
        remotePort: null,
        state: 'LISTEN',
        pid: null,
        uid: 0,
        inode: 110,
        recvQ: 0,
        sendQ: 0,
      },
    ]);
  });

  it("reads each TCP socket's queues (tx_queue:rx_queue, ss's Send-Q and Recv-Q) on both parsers", () => {
    const line = tcpLine(0, '0100007F:1F90', '0100007F:C350', '01').replace('00000000:00000000', '0000002A:00010000');
    const [fast] = parseProcNet(TCP_HEADER + line, 'tcp', 'IPv4').entries;
    expect(fast).toMatchObject({ sendQ: 42, recvQ: 65536 });
    // The tolerant parser (a line the fixed-width path refuses: extra spaces after the slot).
    const [slow] = parseProcNet(TCP_HEADER + line.replace('   0: ', '   0:   '), 'tcp', 'IPv4').entries;
    expect(slow).toMatchObject({ sendQ: 42, recvQ: 65536 });
  });

  it('maps every TCP state code of include/net/tcp_states.h', () => {
    const codes: Record<string, string> = {
      '01': 'ESTABLISHED',
      '02': 'SYN_SENT',
      '03': 'SYN_RECV',
      '04': 'FIN_WAIT1',
      '05': 'FIN_WAIT2',
      '06': 'TIME_WAIT',
      '07': 'CLOSE',
      '08': 'CLOSE_WAIT',
      '09': 'LAST_ACK',
      '0A': 'LISTEN',
      '0B': 'CLOSING',
      '0C': 'NEW_SYN_RECV',
    };
    const text =
      TCP_HEADER +
      Object.keys(codes)
        .map((c, i) => tcpLine(i, '0100007F:1F90', '0100007F:C350', c))
        .join('');
    const r = parseProcNet(text, 'tcp', 'IPv4');
    expect(r.malformed).toBe(0);
    expect(r.entries.map((e) => e.state)).toEqual(Object.values(codes));
    expect(r.entries[0]).toMatchObject({
      localAddress: '127.0.0.1',
      localPort: 8080,
      remoteAddress: '127.0.0.1',
      remotePort: 50000,
    });
  });

  it('keeps TIME_WAIT sockets with inode 0 (no owner)', () => {
    const r = parseProcNet(TCP_HEADER + tcpLine(0, '0100007F:1F90', '0100007F:C350', '06', 0, 0), 'tcp', 'IPv4');
    expect(r.entries[0]).toMatchObject({ state: 'TIME_WAIT', inode: 0 });
  });

  it('skips and counts malformed lines, keeping the rest', () => {
    const text =
      TCP_HEADER +
      tcpLine(0, '0100007F:1F90', '00000000:0000', '0A') +
      '   1: garbage\n' +
      tcpLine(2, '0100007F:1F9', '00000000:0000', '0A') + // short port
      tcpLine(3, '0100007F:1F90', '00000000:0000', 'ZZ') + // unknown state
      tcpLine(4, 'XY00007F:1F90', '00000000:0000', '0A') + // bad hex
      '\n' +
      tcpLine(5, '0100007F:1F91', '00000000:0000', '0A');
    const r = parseProcNet(text, 'tcp', 'IPv4');
    expect(r.entries.map((e) => e.localPort)).toEqual([8080, 8081]);
    expect(r.malformed).toBe(4);
    expect(r.firstMalformed).toBe('1: garbage');
  });

  it('handles empty files and header-only files', () => {
    expect(parseProcNet('', 'tcp', 'IPv4').entries).toEqual([]);
    expect(parseProcNet(TCP_HEADER, 'tcp', 'IPv4').entries).toEqual([]);
  });

  it('reads slot numbers wider than four digits', () => {
    const line =
      '13164: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 51993 2 00000000b7ac4473 0\n';
    expect(parseProcNet(TCP_HEADER + line, 'tcp', 'IPv4').entries).toHaveLength(1);
  });
});

describe('parseProcNet (tcp6)', () => {
  const text =
    TCP6_HEADER +
    '   0: 00000000000000000000000000000000:8621 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 51990 1 00000000943168ef 100 0 0 10 0\n' +
    '   1: 00000000000000000000000001000000:8621 00000000000000000000000001000000:A86A 01 00000000:00000000 00:00000000 00000000     0        0 51996 1 00000000de254f3f 20 0 0 10 -1\n' +
    '   3: 0000000000000000FFFF00000100007F:8621 0000000000000000FFFF00000100007F:98D8 01 00000000:00000000 00:00000000 00000000     0        0 51995 1 0000000007084997 20 0 0 10 -1\n';

  it('reads wildcard, ::1 and IPv4-mapped endpoints', () => {
    const r = parseProcNet(text, 'tcp', 'IPv6');
    expect(r.malformed).toBe(0);
    expect(r.entries.map((e) => [e.localAddress, e.localPort, e.remoteAddress, e.remotePort, e.state])).toEqual([
      ['::', 34337, null, null, 'LISTEN'],
      ['::1', 34337, '::1', 43114, 'ESTABLISHED'],
      ['::ffff:127.0.0.1', 34337, '::ffff:127.0.0.1', 39128, 'ESTABLISHED'],
    ]);
    expect(r.entries.every((e) => e.family === 'IPv6' && e.protocol === 'tcp')).toBe(true);
  });
});

describe('parseProcNet (udp)', () => {
  it('reports UNCONN for unconnected and CONNECTED for connect()ed sockets', () => {
    const udp =
      '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops            \n' +
      '16233: 0100007F:CE07 0100007F:0035 01 00000000:00000000 00:00000000 00000000     0        0 51994 2 000000004b55f129 0         \n' +
      ' 1200: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 51000 2 000000004b55f129 0         \n';
    const r = parseProcNet(udp, 'udp', 'IPv4');
    expect(r.entries.map((e) => [e.localPort, e.remoteAddress, e.remotePort, e.state])).toEqual([
      [52743, '127.0.0.1', 53, 'CONNECTED'],
      [68, null, null, 'UNCONN'],
    ]);
  });
  it('reads udp6', () => {
    const udp6 =
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n' +
      '13164: 00000000000000000000000001000000:820A 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 51993 2 00000000b7ac4473 0\n';
    expect(parseProcNet(udp6, 'udp', 'IPv6').entries[0]).toMatchObject({
      localAddress: '::1',
      localPort: 33290,
      state: 'UNCONN',
      remoteAddress: null,
    });
  });
});

describe('parseProcNet fast path and fallback agree', () => {
  it('reads a negative timeout column and wide uid/inode columns', () => {
    const line =
      '   7: 0100007F:1F90 0100007F:C350 01 00000000:00000000 02:000000A5 00000000 4294967294       -1 18446744073 1 0000000000000000 20 4 30 10 -1\n';
    const r = parseProcNet(TCP_HEADER + line, 'tcp', 'IPv4');
    expect(r.malformed).toBe(0);
    expect(r.entries[0]).toMatchObject({ uid: 4294967294, inode: 18446744073, state: 'ESTABLISHED' });
  });
  it('falls back to the tolerant parser when spacing is unusual', () => {
    const line = '7:   0100007F:1F90   0100007F:C350   0A   00000000:00000000 00:00000000 00000000  1000  0 777\n';
    expect(parseProcNet(TCP_HEADER + line, 'tcp', 'IPv4').entries[0]).toMatchObject({
      localPort: 8080,
      state: 'LISTEN',
      inode: 777,
      uid: 1000,
    });
  });
});
