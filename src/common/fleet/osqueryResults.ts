/**
 * Osquery results as a fleet source (read-only import): the rows of `process_open_sockets` and
 * `listening_ports` (and, where given, `processes`, `interface_addresses`, `system_info`) become
 * a `sockeye.snapshot/1` through the same derivation as a live snapshot (sides, roles, local
 * edges). Accepted shapes: an object of those tables' rows (`{"process_open_sockets":[…],
 * "listening_ports":[…], …}`), or one array of rows as `osqueryi --json` prints it (a socket row
 * has `remote_address`, a listening-port row has `port`). Osquery prints every value as text.
 * The mapping is in docs/fleet.md.
 */
import type { RawProcess, RawSocket } from '../model/collected';
import { TcpStateSchema, type NetInterface, type Snapshot, type SocketState } from '../model/model';
import { assembleSnapshot } from '../derive/assembleSnapshot';
import { addressScope, unmapIPv4 } from '../derive/addressScope';
import { BUNDLED_SERVICES } from '../derive/ianaServices';
import { parseEtcServices } from '../derive/services';

const services = parseEtcServices(BUNDLED_SERVICES);

type Row = Record<string, unknown>;
export type OsqueryTables = Partial<
  Record<'process_open_sockets' | 'listening_ports' | 'processes' | 'interface_addresses' | 'system_info', Row[]>
>;

// osquery's `state` column uses the kernel's names, which are the model's own.
const TCP_STATES: ReadonlySet<string> = new Set(TcpStateSchema.options);

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
const int = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isSafeInteger(n) ? n : null;
};
const isWildcard = (a: string | null) => a === null || a === '' || a === '0.0.0.0' || a === '::';

/** The tables in `doc`, or null when it is no osquery result this import knows. */
export function osqueryTables(doc: unknown): OsqueryTables | null {
  if (Array.isArray(doc)) {
    if (!doc.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) return null;
    const rows = doc as Row[];
    const sockets = rows.filter((r) => 'remote_address' in r);
    const listening = rows.filter((r) => !('remote_address' in r) && 'port' in r);
    return sockets.length + listening.length > 0 ? { process_open_sockets: sockets, listening_ports: listening } : null;
  }
  if (typeof doc !== 'object' || doc === null) return null;
  const o = doc as Record<string, unknown>;
  if (!Array.isArray(o.process_open_sockets) && !Array.isArray(o.listening_ports)) return null;
  return o as OsqueryTables;
}

function socketOf(r: Row, listening: boolean): RawSocket | null {
  const proto = int(r.protocol);
  const family = int(r.family);
  const protocol = proto === 6 ? 'tcp' : proto === 17 ? 'udp' : null;
  if (!protocol || (family !== 2 && family !== 10)) return null; // AF_UNIX and raw sockets: not here
  const localAddress = str(listening ? r.address : r.local_address) ?? '';
  const localPort = int(listening ? r.port : r.local_port);
  if (localPort === null || localPort < 0 || localPort > 65535) return null;
  const remote = listening ? null : str(r.remote_address);
  const rport = listening ? null : int(r.remote_port);
  const hasPeer = !isWildcard(remote) && rport !== null && rport > 0 && rport <= 65535;
  const given = str(r.state)?.toUpperCase() ?? '';
  const state: SocketState =
    protocol === 'udp'
      ? hasPeer
        ? 'CONNECTED'
        : 'UNCONN'
      : listening
        ? 'LISTEN'
        : TCP_STATES.has(given)
          ? (given as SocketState)
          : 'ESTABLISHED';
  const pid = int(r.pid);
  return {
    protocol,
    family: family === 2 ? 'IPv4' : 'IPv6',
    localAddress: isWildcard(localAddress) ? (family === 2 ? '0.0.0.0' : '::') : localAddress,
    localPort,
    remoteAddress: hasPeer ? remote : null,
    remotePort: hasPeer ? rport : null,
    state,
    pid: pid !== null && pid > 0 ? pid : null,
    uid: null,
  };
}

function processOf(r: Row): RawProcess | null {
  const pid = int(r.pid);
  if (pid === null) return null;
  const start = int(r.start_time);
  return {
    pid,
    ppid: int(r.parent),
    name: str(r.name) ?? `pid ${pid}`,
    path: str(r.path) || null,
    cmdline: str(r.cmdline) || null,
    cwd: str(r.cwd) || null,
    user: null,
    startedAt: start !== null && start > 0 ? new Date(start * 1000).toISOString() : null,
  };
}

/** The host's addresses: `interface_addresses` where given, else the specific local addresses its sockets use. */
function interfacesOf(t: OsqueryTables, sockets: readonly RawSocket[]): NetInterface[] {
  const byName = new Map<string, NetInterface>();
  const add = (name: string, address: string) => {
    const a = unmapIPv4(address.replace(/%.*$/, ''));
    let i = byName.get(name);
    if (!i) byName.set(name, (i = { name, mac: null, up: true, internal: false, addresses: [] }));
    if (!i.addresses.some((x) => x.address === a))
      i.addresses.push({ address: a, family: a.includes(':') ? 'IPv6' : 'IPv4', cidr: null, scope: addressScope(a) });
  };
  for (const r of t.interface_addresses ?? []) {
    const address = str(r.address);
    if (address) add(str(r.interface) ?? 'unknown', address);
  }
  if (byName.size === 0)
    for (const s of sockets) if (!isWildcard(s.localAddress)) add('(from sockets)', s.localAddress);
  for (const i of byName.values()) i.internal = i.addresses.every((a) => a.scope === 'loopback');
  return [...byName.values()];
}

/** The snapshot the osquery tables describe; `name` (the file's) stands in for a missing host name. */
export function snapshotFromOsquery(t: OsqueryTables, name: string, takenAt = new Date()): Snapshot {
  const sockets: RawSocket[] = [];
  const seen = new Set<string>();
  const keep = (s: RawSocket | null) => {
    if (!s) return;
    // listening_ports repeats the LISTEN rows of process_open_sockets: one socket each.
    const key = `${s.protocol}|${s.localAddress}|${s.localPort}|${s.remoteAddress}|${s.remotePort}|${s.pid}`;
    if (seen.has(key)) return;
    seen.add(key);
    sockets.push(s);
  };
  for (const r of t.process_open_sockets ?? []) keep(socketOf(r, false));
  for (const r of t.listening_ports ?? []) keep(socketOf(r, true));
  const processes = new Map<number, RawProcess>();
  for (const r of t.processes ?? []) {
    const p = processOf(r);
    if (p) processes.set(p.pid, p);
  }
  for (const s of sockets)
    if (s.pid !== null && !processes.has(s.pid))
      processes.set(s.pid, {
        pid: s.pid,
        ppid: null,
        name: `pid ${s.pid}`,
        path: null,
        cmdline: null,
        cwd: null,
        user: null,
        startedAt: null,
      });
  const hostname = str(t.system_info?.[0]?.hostname) || name;
  const snapshot = assembleSnapshot(
    {
      collector: 'systeminformation', // replaced below: the model names the import itself
      hostname,
      platform: 'linux',
      privileged: true,
      sockets,
      processes: [...processes.values()],
      interfaces: interfacesOf(t, sockets),
      warnings: [`imported from osquery results (${name}): no traffic, users or Unix sockets`],
    },
    { services, takenAt },
  );
  return { ...snapshot, host: { ...snapshot.host, collector: 'osquery' } };
}
