/**
 * The default human output of `sockeye snapshot`: one line per socket in the spirit of
 * `ss -tunap`, plus what ss cannot say — which end is the server, and the owning process's role.
 */
import { endpointText } from '../../common/text/endpointText';
import type { Snapshot } from '../../common/model/model';
import { holdersText, processText } from '../../common/text/ownerWords';
import { terminalField } from './terminalText';
import { placeOf } from '../../common/containers/namespaceText';
import { publishedLookup } from '../../common/nat/publishedPorts';

const HEADERS = ['Proto', 'State', 'Local Address:Port', 'Peer Address:Port', 'Side', 'Process', 'Role'] as const;

const endpoint = (address: string | null, port: number | null) => endpointText(address, port, { missing: '*:*' });

/** Cells padded to each column's width (the last one left as it is). */
export function alignRows(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((cells) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The Unix sockets as a second table (`sockeye snapshot --unix`). */
export function formatUnixTable(snapshot: Snapshot): string {
  const unix = snapshot.unixSockets;
  if (!unix) return '\n# Unix sockets: not in this snapshot\n';
  const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
  const byInode = new Map(unix.map((u) => [u.inode, u]));
  const who = (pids: readonly number[]) =>
    pids.length === 0 ? 'hidden' : pids.map((pid) => processText(pid, procs)).join(', ');
  const rows = unix.map((u) => {
    const peer = u.peerInode === null ? undefined : byInode.get(u.peerInode);
    return [
      `u_${u.type === 'stream' ? 'str' : u.type === 'dgram' ? 'dgr' : 'seq'}`,
      u.state,
      u.path ?? (u.peerPath ? `→ ${u.peerPath}` : '*'),
      u.side ?? '-',
      who(u.pids),
      u.peerInode === null ? '-' : peer ? who(peer.pids) : `inode ${u.peerInode}`,
    ].map(terminalField);
  });
  const edges = snapshot.unixEdges?.length ?? 0;
  const head = `# Unix sockets: ${unix.length}, ${edges} client → server ${edges === 1 ? 'pair' : 'pairs'}`;
  return `\n${head}\n${alignRows([['Type', 'State', 'Path', 'Side', 'Process', 'Peer process'], ...rows]).join('\n')}\n`;
}

/** A socket outside the host's namespace says where it lives: `node (42) [netns blue]`, `nginx (7) [web]`. */
function withPlace(
  owner: string,
  netns: number | null | undefined,
  container: Snapshot['processes'][number]['container'],
  snapshot: Snapshot,
): string {
  const place = placeOf(netns, container, snapshot.namespaces);
  return place ? `${owner} [${place.text}]` : owner;
}

/** Render the snapshot as an aligned text table with a one-line summary on top. */
export function formatSocketTable(snapshot: Snapshot): string {
  const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
  const publishedAs = publishedLookup(snapshot.published);
  const rows: string[][] = snapshot.sockets.map((s) => {
    const proc = s.pid === null ? undefined : procs.get(s.pid);
    // A client of a published port says where it really goes: `… (published → 10.0.0.2:80)`.
    const to = s.side === 'client' ? publishedAs(s.netns, s.protocol, s.remoteAddress, s.remotePort) : undefined;
    return [
      s.protocol + (s.family === 'IPv6' ? '6' : ''),
      s.state ?? '-',
      endpoint(s.localAddress, s.localPort),
      endpoint(s.remoteAddress, s.remotePort) + (to ? ` (published → ${endpoint(to.toAddress, to.toPort)})` : ''),
      s.side ?? '-',
      withPlace(holdersText(s, procs, snapshot.host.privileged), s.netns, proc?.container, snapshot),
      proc?.role ?? '-',
    ].map(terminalField); // escaped before measuring: `\x0a` is as wide as it prints
  });
  const widths = HEADERS.map((h, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), h.length));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const roles = { server: 0, client: 0, both: 0, none: 0 };
  for (const p of snapshot.processes) roles[p.role]++;
  const listening = snapshot.sockets.filter(
    (s) => s.state === 'LISTEN' || (s.protocol === 'udp' && s.side === 'server'),
  ).length;
  const summary =
    `# ${terminalField(snapshot.host.hostname)} · ${snapshot.takenAt} · collector ${snapshot.host.collector}` +
    ` · ${snapshot.sockets.length} sockets, ${listening} listening · processes: ${roles.server} server, ${roles.client} client, ${roles.both} both` +
    (snapshot.host.unmappedSockets > 0
      ? ` · ${snapshot.host.unmappedSockets} ${snapshot.host.unmappedSockets === 1 ? 'owner' : 'owners'} hidden`
      : '');
  const out = [summary, line(HEADERS)];
  for (const r of rows) out.push(line(r));
  return out.join('\n') + '\n';
}
