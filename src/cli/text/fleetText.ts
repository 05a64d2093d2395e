/**
 * `sockeye fleet` for people: the hosts (answered or not, with what each serves), then the
 * cross-host edges `clientHost: process (pid) → serverHost: process (pid) :port`, then the
 * remote endpoints no host of the fleet owns. Every value is anyone's text: escaped.
 */
import type { Fleet, FleetEdge, FleetHost } from '../../common/fleet/fleetModel';
import { alignRows } from './socketTable';
import { terminalField as f } from './terminalText';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function servesText(h: FleetHost): string {
  const reachable = h.serves.filter((s) => !s.loopbackOnly);
  if (reachable.length === 0) return '-';
  const shown = reachable.slice(0, 6).map((s) => `${s.process}:${s.port}${s.protocol === 'udp' ? '/udp' : ''}`);
  return shown.join(', ') + (reachable.length > 6 ? ` … (${reachable.length} in all)` : '');
}

function hostRows(hosts: readonly FleetHost[]): string[] {
  const rows = hosts.map((h) =>
    h.ok
      ? [
          h.hostname ?? '',
          'ok',
          h.source,
          `${h.sockets}`,
          `${h.clientConnections}/${h.serverConnections}`,
          servesText(h),
        ]
      : [h.hostname ?? '-', 'ERROR', h.source, '', '', h.error ?? ''],
  );
  return alignRows(
    [['HOST', 'STATE', 'SOURCE', 'SOCKETS', 'OUT/IN', 'SERVES (beyond loopback) / ERROR'], ...rows].map((r) =>
      r.map(f),
    ),
  );
}

const who = (host: string | null, process: string | null, pid: number | null) =>
  `${host ?? '?'}: ${process ?? 'unknown'}${pid === null ? '' : ` (${pid})`}`;

function edgeRows(edges: readonly FleetEdge[], names: Map<string, string>): string[] {
  const name = (id: string | null) => (id === null ? null : (names.get(id) ?? id));
  const rows = edges.map((e) => [
    who(name(e.clientHost), e.clientProcess, e.clientPid),
    '→',
    who(name(e.serverHost), e.serverProcess, e.serverPid),
    `${e.protocol}/${e.port}`,
    `${e.count}`,
    e.confirmed === e.count ? 'confirmed' : e.confirmed === 0 ? 'unconfirmed' : `${e.confirmed} confirmed`,
  ]);
  return alignRows([['CLIENT', '', 'SERVER', 'PORT', 'CONN', 'SEEN BY SERVER'], ...rows].map((r) => r.map(f)));
}

function unmatchedRows(edges: readonly FleetEdge[], names: Map<string, string>): string[] {
  const rows = edges.map((e) => [
    who(names.get(e.clientHost) ?? e.clientHost, e.clientProcess, e.clientPid),
    '→',
    `${e.remoteAddress ?? ''}:${e.port}`,
    e.protocol,
    `${e.count}`,
    e.reason ?? '',
  ]);
  return alignRows([['CLIENT', '', 'REMOTE', 'PROTO', 'CONN', 'WHY UNMATCHED'], ...rows].map((r) => r.map(f)));
}

export function formatFleet(fleet: Fleet, options: { unmatched?: boolean } = {}): string {
  const names = new Map<string, string>();
  for (const h of fleet.hosts) if (h.ok && h.id && h.hostname) names.set(h.id, h.hostname);
  const matched = fleet.edges.filter((e) => !e.unmatched);
  const unmatched = fleet.edges.filter((e) => e.unmatched);
  const ok = fleet.hosts.filter((h) => h.ok).length;
  const out = [`# ${plural(fleet.hosts.length, 'host')}, ${ok} answered`, ...hostRows(fleet.hosts), ''];
  out.push(`# ${plural(matched.length, 'cross-host edge')}`);
  if (matched.length) out.push(...edgeRows(matched, names));
  out.push('');
  const conns = unmatched.reduce((n, e) => n + e.count, 0);
  out.push(
    `# ${plural(conns, 'connection')} to remote endpoints no host of the fleet owns (NAT, proxies, other hosts)`,
  );
  if (options.unmatched && unmatched.length) out.push(...unmatchedRows(unmatched, names));
  else if (unmatched.length) out.push('  (--unmatched lists them)');
  return out.join('\n') + '\n';
}
