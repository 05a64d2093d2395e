/**
 * The default human output of `sockeye snapshot`: one line per socket in the spirit of
 * `ss -tunap`, plus what ss cannot say — which end is the server, and the owning process's role.
 */
import { endpointText } from '../../common/text/endpointText';
import type { Process, Snapshot, Socket } from '../../common/model/model';
import { terminalField } from './terminalText';

const HEADERS = ['Proto', 'State', 'Local Address:Port', 'Peer Address:Port', 'Side', 'Process', 'Role'] as const;

function ownerText(socket: Socket, proc: Process | undefined, privileged: boolean): string {
  if (socket.pid === null) {
    if (socket.state === 'TIME_WAIT') return '- (closing, no owner)';
    return privileged ? '? (not reported)' : '? (hidden: run as root)';
  }
  return `${proc?.label ?? '?'} [${socket.pid}]`;
}

/** Render the snapshot as an aligned text table with a one-line summary on top. */
export function formatSocketTable(snapshot: Snapshot): string {
  const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
  const rows: string[][] = snapshot.sockets.map((s) => {
    const proc = s.pid === null ? undefined : procs.get(s.pid);
    return [
      s.protocol + (s.family === 'IPv6' ? '6' : ''),
      s.state ?? '-',
      endpointText(s.localAddress, s.localPort, { missing: '*:*' }),
      endpointText(s.remoteAddress, s.remotePort, { missing: '*:*' }),
      s.side ?? '-',
      ownerText(s, proc, snapshot.host.privileged),
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
    (snapshot.host.unmappedSockets > 0 ? ` · ${snapshot.host.unmappedSockets} owners hidden` : '');
  const out = [summary, line(HEADERS)];
  for (const r of rows) out.push(line(r));
  return out.join('\n') + '\n';
}
