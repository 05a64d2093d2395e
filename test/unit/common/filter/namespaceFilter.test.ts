import { describe, expect, it } from 'vitest';
import { FilterParseError, filterSnapshot, parseFilter } from '../../../../src/common/filter';
import { SnapshotSchema, type Snapshot } from '../../../../src/common/model/model';

const HOST = 4026531840;
const BLUE = 4026532177;
const WEB = 4026532300;
const ID = '3f1c2a9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170615e4d3';

const socket = (pid: number | null, port: number, netns?: number) => ({
  protocol: 'tcp' as const,
  family: 'IPv4' as const,
  localAddress: '0.0.0.0',
  localPort: port,
  remoteAddress: null,
  remotePort: null,
  state: 'LISTEN' as const,
  pid,
  uid: 0,
  side: 'server' as const,
  localScope: 'unspecified' as const,
  remoteScope: null,
  service: null,
  portClass: 'registered' as const,
  ...(netns !== undefined ? { netns } : {}),
});
const proc = (pid: number, netns: number, container: Snapshot['processes'][number]['container'] = null) => ({
  pid,
  ppid: 1,
  name: `p${pid}`,
  path: null,
  cmdline: null,
  cwd: null,
  user: 'root',
  startedAt: null,
  label: `p${pid}`,
  role: 'server' as const,
  netns,
  container,
});

const snapshot: Snapshot = SnapshotSchema.parse({
  schema: 'sockeye.snapshot/1',
  takenAt: '2026-12-01T12:00:00.000Z',
  host: { hostname: 'h', platform: 'linux', collector: 'procfs', privileged: true, unmappedSockets: 1 },
  interfaces: [],
  processes: [proc(10, HOST), proc(20, BLUE), proc(30, WEB, { id: ID, runtime: 'docker', name: 'web' })],
  sockets: [socket(10, 22, HOST), socket(20, 8080, BLUE), socket(30, 80, WEB), socket(null, 443, WEB)],
  edges: [],
  namespaces: [
    { inode: HOST, host: true, name: null, container: null, pid: null, processes: 1, interfaces: null },
    { inode: BLUE, host: false, name: 'blue', container: null, pid: 20, processes: 1, interfaces: [] },
    {
      inode: WEB,
      host: false,
      name: null,
      container: { id: ID, runtime: 'docker', name: 'web' },
      pid: 30,
      processes: 1,
      interfaces: [],
    },
  ],
});

const ports = (expr: string, s: Snapshot = snapshot) =>
  filterSnapshot(s, parseFilter(expr)).sockets.map((x) => x.localPort);

describe('filter: netns: and container:', () => {
  it('netns:host, an inode, an ip-netns name (exact or glob), and their negation', () => {
    expect(ports('netns:host')).toEqual([22]);
    expect(ports('-netns:host')).toEqual([8080, 80, 443]);
    expect(ports(`netns:${BLUE}`)).toEqual([8080]);
    expect(ports('netns:blue')).toEqual([8080]);
    expect(ports('netns:BL*')).toEqual([8080]);
    expect(ports('netns:green')).toEqual([]);
  });

  it('container: by name, glob, id prefix, runtime text; a hidden owner’s socket by its namespace’s container', () => {
    expect(ports('container:web')).toEqual([80, 443]);
    expect(ports('container:*')).toEqual([80, 443]);
    expect(ports('container:3f1c2a9b')).toEqual([80, 443]);
    expect(ports('container:docker*')).toEqual([]); // named "web": the runtime text is for unnamed ones
    expect(ports('container:nginx')).toEqual([]);
    expect(ports('-container:*')).toEqual([22, 8080]);
  });

  it('reads a file from before namespaces as all in the host’s', () => {
    const old: Snapshot = {
      ...snapshot,
      namespaces: undefined,
      sockets: snapshot.sockets.map(({ netns: _n, ...s }) => s),
      processes: snapshot.processes.map(({ netns: _n, container: _c, ...p }) => p),
    };
    expect(ports('netns:host', old)).toEqual([22, 8080, 80, 443]);
    expect(ports('container:*', old)).toEqual([]);
  });

  it('suggests the field for a typo', () => {
    expect(() => parseFilter('netn:host')).toThrow(FilterParseError);
    expect(() => parseFilter('netn:host')).toThrow(/did you mean `netns:`/);
    expect(() => parseFilter('contaner:web')).toThrow(/did you mean `container:`/);
  });
});
