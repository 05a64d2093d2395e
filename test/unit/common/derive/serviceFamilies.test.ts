import { describe, expect, it } from 'vitest';
import { serviceHeads } from '../../../../src/common/derive/serviceFamilies';

const p = (pid: number, ppid: number | null, name: string, path: string | null) => ({ pid, ppid, name, path });

describe('serviceHeads', () => {
  it('joins a parent with children sharing its listener or its executable, not unrelated children', () => {
    const heads = serviceHeads(
      [
        p(100, 1, 'nginx', '/usr/sbin/nginx'),
        p(101, 100, 'nginx', '/usr/sbin/nginx'),
        p(200, 1, 'sshd', '/usr/sbin/sshd'),
        p(201, 200, 'sshd', '/usr/sbin/sshd'),
        p(202, 201, 'bash', '/usr/bin/bash'), // a shell under a session: its own program
        p(300, 1, 'gunicorn', null), // path hidden: related only through the shared listener
        p(301, 300, 'gunicorn', null),
        p(400, 1, 'redis-server', '/usr/bin/redis-server'), // alone
      ],
      [
        { pid: 300, pids: [300, 301] },
        { pid: 400, pids: [400] },
      ],
    );
    expect(Object.fromEntries(heads)).toEqual({ 100: 100, 101: 100, 200: 200, 201: 200, 300: 300, 301: 300 });
  });

  it('does not make a family of a runtime starting runtime children (a test runner), unless they share a socket', () => {
    const node = '/usr/bin/node';
    const heads = serviceHeads(
      [
        p(500, 1, 'node', node),
        p(501, 500, 'node', node),
        p(502, 500, 'node', node),
        p(600, 1, 'node', node),
        p(601, 600, 'node', node),
      ],
      [{ pid: 600, pids: [600, 601] }], // a cluster primary and its worker share the listener
    );
    expect(Object.fromEntries(heads)).toEqual({ 600: 600, 601: 600 });
  });
});
