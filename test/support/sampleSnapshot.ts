/** A small, varied snapshot for unit tests of export, masking, opening and diffing (hostile values included). */
import { SnapshotSchema, type Process, type Snapshot, type Socket } from '../../src/common/model/model';

export const HOSTILE_NAME = '<script>alert("x")</script>&\'';

export function proc(pid: number, over: Partial<Process> = {}): Process {
  return {
    pid,
    ppid: 1,
    name: `p${pid}`,
    path: `/usr/bin/p${pid}`,
    cmdline: `/usr/bin/p${pid} --serve`,
    cwd: '/srv/app',
    user: 'alice',
    startedAt: null,
    label: `p${pid}`,
    role: 'none',
    ...over,
  };
}

export function sock(over: Partial<Socket> = {}): Socket {
  return {
    protocol: 'tcp',
    family: 'IPv4',
    localAddress: '127.0.0.1',
    localPort: 8080,
    remoteAddress: null,
    remotePort: null,
    state: 'LISTEN',
    pid: 10,
    uid: 1000,
    side: 'server',
    localScope: 'loopback',
    remoteScope: null,
    service: 'http-alt',
    portClass: 'registered',
    ...over,
  };
}

export function sampleSnapshot(): Snapshot {
  return SnapshotSchema.parse({
    schema: 'sockeye.snapshot/1',
    takenAt: '2026-11-24T10:00:00.000Z',
    host: {
      hostname: 'build-box.corp.example',
      platform: 'linux',
      collector: 'procfs',
      privileged: false,
      unmappedSockets: 1,
    },
    interfaces: [
      {
        name: 'lo',
        mac: '00:00:00:00:00:00',
        up: true,
        internal: true,
        addresses: [{ address: '127.0.0.1', family: 'IPv4', cidr: '127.0.0.1/8', scope: 'loopback' }],
      },
      {
        name: 'eth0',
        mac: '52:54:00:12:34:56',
        up: true,
        internal: false,
        addresses: [
          { address: '93.184.216.34', family: 'IPv4', cidr: '93.184.216.34/24', scope: 'public' },
          { address: '192.168.1.20', family: 'IPv4', cidr: '192.168.1.20/24', scope: 'private' },
        ],
      },
    ],
    processes: [
      proc(10, {
        name: 'node',
        label: 'node · my-api',
        cmdline: 'node /home/alice/my-api/server.js',
        cwd: '/home/alice/my-api',
        role: 'both',
      }),
      proc(20, { name: HOSTILE_NAME, label: HOSTILE_NAME, cmdline: '=cmd|"/c calc"!A1', user: '@bob', role: 'client' }),
      proc(30, {
        name: 'sshd',
        label: 'sshd',
        path: '/usr/sbin/sshd',
        cmdline: 'sshd: /usr/sbin/sshd -D',
        cwd: '/',
        user: 'root',
        role: 'server',
      }),
    ],
    sockets: [
      sock(),
      sock({
        localAddress: '0.0.0.0',
        localPort: 22,
        pid: 30,
        uid: 0,
        localScope: 'unspecified',
        service: 'ssh',
        portClass: 'system',
      }),
      sock({
        localPort: 51000,
        remoteAddress: '127.0.0.1',
        remotePort: 8080,
        state: 'ESTABLISHED',
        pid: 20,
        side: 'client',
        remoteScope: 'loopback',
        portClass: 'registered',
      }),
      sock({
        localPort: 8080,
        remoteAddress: '127.0.0.1',
        remotePort: 51000,
        state: 'ESTABLISHED',
        pid: 10,
        side: 'server',
        remoteScope: 'loopback',
      }),
      sock({
        localAddress: '93.184.216.34',
        localPort: 40000,
        remoteAddress: '8.8.4.4',
        remotePort: 443,
        state: 'ESTABLISHED',
        pid: 10,
        side: 'client',
        localScope: 'public',
        remoteScope: 'public',
        service: 'https',
        portClass: 'system',
      }),
      sock({
        family: 'IPv6',
        localAddress: '::ffff:93.184.216.34',
        localPort: 22,
        remoteAddress: '::ffff:8.8.4.4',
        remotePort: 50123,
        state: 'ESTABLISHED',
        pid: 30,
        uid: 0,
        side: 'server',
        localScope: 'public',
        remoteScope: 'public',
        service: 'ssh',
        portClass: 'system',
      }),
      sock({
        protocol: 'udp',
        localAddress: '0.0.0.0',
        localPort: 5353,
        state: 'UNCONN',
        pid: null,
        uid: 0,
        localScope: 'unspecified',
        service: 'mdns',
      }),
    ],
    edges: [{ clientPid: 20, serverPid: 10, protocol: 'tcp', port: 8080, count: 1 }],
    dnsNames: [{ address: '8.8.4.4', names: ['peer.example.net'], source: 'dns-ptr', confirmed: true }],
    warnings: ['could not read /home/alice/my-api/.secret for pid 10 (alice)'],
  });
}
