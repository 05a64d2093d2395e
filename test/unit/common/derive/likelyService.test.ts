import { describe, expect, it } from 'vitest';
import type { Collected, RawSocket } from '../../../../src/common/model/collected';
import { assembleSnapshot } from '../../../../src/common/derive/assembleSnapshot';
import { parseEtcServices } from '../../../../src/common/derive/services';
import { BUNDLED_SERVICES } from '../../../../src/common/derive/ianaServices';
import { filterSnapshot, parseFilter } from '../../../../src/common/filter';

const services = parseEtcServices(BUNDLED_SERVICES);
const listen = (pid: number, port: number): RawSocket => ({
  protocol: 'tcp',
  family: 'IPv4',
  localAddress: '0.0.0.0',
  localPort: port,
  remoteAddress: null,
  remotePort: null,
  state: 'LISTEN',
  pid,
  uid: 0,
});
const client = (pid: number, port: number): RawSocket => ({
  ...listen(pid, 45000 + port),
  localAddress: '10.0.0.2',
  remoteAddress: '10.0.0.9',
  remotePort: port,
  state: 'ESTABLISHED',
});
const proc = (pid: number, name: string, path: string) => ({
  pid,
  ppid: 1,
  name,
  path,
  cmdline: name,
  cwd: '/',
  user: 'root',
  startedAt: null,
});

describe('service names only where likely true', () => {
  const collected: Collected = {
    collector: 'procfs',
    hostname: 'h',
    platform: 'linux',
    privileged: true,
    sockets: [
      listen(10, 8088), // nginx on 8088: registered as omniorb
      listen(11, 5432), // postgres: postgresql
      listen(12, 6379), // redis-server: redis
      listen(13, 443), // a well-known port, whoever serves it
      client(14, 5432), // psql to a remote postgresql
      client(14, 8088), // a client to a remote 8088: who knows
    ],
    processes: [
      proc(10, 'nginx', '/usr/sbin/nginx'),
      proc(11, 'postgres', '/usr/lib/postgresql/16/bin/postgres'),
      proc(12, 'redis-server', '/usr/bin/redis-server'),
      proc(13, 'caddy', '/usr/bin/caddy'),
      proc(14, 'psql', '/usr/bin/psql'),
    ],
    interfaces: [],
  };
  const snap = assembleSnapshot(collected, { services });
  const at = (pid: number, port: number) =>
    snap.sockets.find((s) => s.pid === pid && (s.localPort === port || s.remotePort === port))!;

  it('keeps the registry name as a hint when the program does not match it', () => {
    expect(at(10, 8088)).toMatchObject({ service: null, serviceHint: 'omniorb' });
    expect(at(14, 8088)).toMatchObject({ service: null, serviceHint: 'omniorb' });
  });
  it('names well-known ports, matching programs and common registered services', () => {
    expect(at(11, 5432).service).toBe('postgresql');
    expect(at(12, 6379).service).toBe('redis');
    expect(at(13, 443).service).toBe('https');
    expect(at(14, 5432).service).toBe('postgresql');
    expect(at(11, 5432).serviceHint).toBeUndefined();
  });
  it('lets service: find the hint too', () => {
    expect(filterSnapshot(snap, parseFilter('service:omniorb')).sockets).toHaveLength(2);
  });
});
