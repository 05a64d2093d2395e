import { describe, expect, it } from 'vitest';
import { parseSsInetHolders, parseSsUnix, ssUserPids } from '../../../../../src/node/collectors/ss/ssParse';
import { parseProcNetUnix } from '../../../../../src/node/collectors/procfs/procNetUnix';

describe('ss output', () => {
  it('reads every holder of a users list, ascending, once each', () => {
    expect(
      ssUserPids(
        'tcp LISTEN 0 511 0.0.0.0:80 0.0.0.0:* users:(("nginx",pid=26214,fd=5),("nginx",pid=26211,fd=5),("nginx",pid=26211,fd=6))',
      ),
    ).toEqual([26211, 26214]);
    // A process name containing "pid=" is not read as a pid.
    expect(ssUserPids('u_str ESTAB 0 0 * 1 * 2 users:(("x,pid=9,fd=1)",pid=42,fd=3))')).toEqual([42]);
  });
  it('keys shared inet sockets by their endpoints with wildcards and mapped addresses normalised', () => {
    const m = parseSsInetHolders(
      [
        'tcp LISTEN 0 511 127.0.0.1:8088 0.0.0.0:* users:(("nginx",pid=12,fd=6),("nginx",pid=11,fd=6))',
        'tcp LISTEN 0 511 [::]:22 [::]:* users:(("sshd",pid=5,fd=3))',
        'tcp ESTAB 0 0 [::ffff:127.0.0.1]:80 [::ffff:127.0.0.1]:5000 users:(("a",pid=1,fd=3),("b",pid=2,fd=3))',
      ].join('\n'),
    );
    expect([...m]).toEqual([
      ['tcp|127.0.0.1|8088|*|*', [11, 12]],
      ['tcp|127.0.0.1|80|127.0.0.1|5000', [1, 2]],
    ]);
  });
  it('reads Unix lines: paths with spaces, abstract names, peers, holders', () => {
    const lines = parseSsUnix(
      [
        'u_str LISTEN 0 4096 /run/my app.sock 100 * 0 users:(("srv",pid=7,fd=3))',
        'u_str ESTAB 0 0 /run/my app.sock 101 * 102 users:(("srv",pid=8,fd=4))',
        'u_str ESTAB 0 0 * 102 * 101 users:(("cli",pid=9,fd=3))',
        'u_dgr UNCONN 0 0 @/org/x 103 * 0',
      ].join('\n'),
    );
    expect(lines.map((l) => [l.type, l.state, l.path, l.inode, l.peerInode, l.pids])).toEqual([
      ['stream', 'LISTEN', '/run/my app.sock', 100, null, [7]],
      ['stream', 'ESTAB', '/run/my app.sock', 101, 102, [8]],
      ['stream', 'ESTAB', null, 102, 101, [9]],
      ['dgram', 'UNCONN', '@/org/x', 103, null, []],
    ]);
  });
});

describe('/proc/net/unix', () => {
  it('reads type, state (listeners from the accept flag), inode and the path to the end of the line', () => {
    const { sockets, malformed } = parseProcNetUnix(
      [
        'Num       RefCount Protocol Flags    Type St Inode Path',
        '0000000000000000: 00000002 00000000 00010000 0001 01 100 /run/my app.sock',
        '0000000000000000: 00000003 00000000 00000000 0001 03 101 /run/my app.sock',
        '0000000000000000: 00000003 00000000 00000000 0001 03 102',
        '0000000000000000: 00000002 00000000 00000000 0002 01 103 @/org/x',
        '0000000000000000: 00000002 00000000 00000000 0005 01 104',
        'garbage',
      ].join('\n'),
    );
    expect(malformed).toBe(1);
    expect(sockets.map((s) => [s.type, s.state, s.inode, s.path])).toEqual([
      ['stream', 'LISTEN', 100, '/run/my app.sock'],
      ['stream', 'ESTABLISHED', 101, '/run/my app.sock'],
      ['stream', 'ESTABLISHED', 102, null],
      ['dgram', 'UNCONN', 103, '@/org/x'],
      ['seqpacket', 'UNCONN', 104, null],
    ]);
  });
});
