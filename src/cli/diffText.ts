/**
 * `sockeye diff` for people: the changes grouped by what one asks ("what started listening?",
 * "who is talking to a new host?"), one `+` or `-` line each, like a unified diff, with the
 * columns of each group aligned. A server's row reads `local ← remote` (the peer came to us), a
 * client's `local → remote`.
 */
import { hostAndPort } from '../shared/endpointText';
import { holdersText } from '../shared/ownerWords';
import type { Process, Snapshot, Socket } from '../shared/model';
import { diffHighlights, isEmptyDiff, type SnapshotDiff } from '../shared/snapshotDiff';
import { alignRows } from './socketTable';

/** `127.0.0.1:80 ← 127.0.0.1:5000` for a server's connection, `… → …` otherwise. */
export function endsText(s: Socket): string {
  const local = hostAndPort(s.localAddress, s.localPort);
  if (s.remoteAddress === null) return local;
  return `${local} ${s.side === 'server' ? '←' : '→'} ${hostAndPort(s.remoteAddress, s.remotePort)}`;
}

function socketCells(sign: string, s: Socket, procs: Map<number, Process>, privileged: boolean): string[] {
  return [
    `  ${sign}`,
    s.protocol,
    endsText(s),
    s.state ?? '',
    s.side ?? '',
    s.service ?? '',
    holdersText(s, procs, privileged),
  ];
}

function processLine(sign: string, p: Process): string {
  return `  ${sign} ${p.label} (${p.pid})  ${p.role}${p.user ? `  user ${p.user}` : ''}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The human-readable report of `diff` from `a` to `b`. */
export function formatDiff(diff: SnapshotDiff, a: Snapshot, b: Snapshot): string {
  const before = new Map(a.processes.map((p) => [p.pid, p]));
  const after = new Map(b.processes.map((p) => [p.pid, p]));
  const h = diffHighlights(diff, a, b);
  const out: string[] = [
    `from ${diff.from.hostname} at ${diff.from.takenAt}`,
    `  to ${diff.to.hostname} at ${diff.to.takenAt}`,
  ];
  if (diff.from.hostname !== diff.to.hostname) out.push('note: the two snapshots are of different hosts');
  const group = (title: string, lines: string[]) => {
    if (lines.length) out.push('', `${title} (${lines.length})`, ...lines);
  };
  const sockets = (title: string, list: Socket[], sign: string, snap: Snapshot, procs: Map<number, Process>) =>
    group(title, alignRows(list.map((s) => socketCells(sign, s, procs, snap.host.privileged))));
  sockets('Listeners opened', h.listenersOpened, '+', b, after);
  sockets('Listeners closed', h.listenersClosed, '-', a, before);
  sockets('Connections added', h.connectionsAdded, '+', b, after);
  sockets('Connections removed', h.connectionsRemoved, '-', a, before);
  sockets('Other sockets added', h.otherAdded, '+', b, after);
  sockets('Other sockets removed', h.otherRemoved, '-', a, before);
  group(
    'Processes appeared',
    h.processesAppeared.map((p) => processLine('+', p)),
  );
  group(
    'Processes vanished',
    h.processesVanished.map((p) => processLine('-', p)),
  );
  group(
    'Processes that changed role',
    h.rolesChanged.map((c) => `  ~ ${after.get(c.pid)?.label ?? c.name} (${c.pid})  ${c.from} → ${c.to}`),
  );
  group(
    'Remote hosts seen for the first time',
    h.newRemoteHosts.map((r) => `  + ${r}`),
  );
  if (isEmptyDiff(diff)) out.push('', 'No changes: the same sockets and processes in both.');
  const counts = [
    `${plural(h.listenersOpened.length, 'listener')} opened`,
    `${h.listenersClosed.length} closed`,
    `${plural(h.connectionsAdded.length, 'connection')} added`,
    `${h.connectionsRemoved.length} removed`,
    `${plural(h.processesAppeared.length, 'process', 'processes')} appeared`,
    `${h.processesVanished.length} vanished`,
    `${h.rolesChanged.length} changed role`,
    `${plural(h.newRemoteHosts.length, 'new remote host')}`,
  ];
  out.push('', `summary: ${counts.join(', ')}`);
  const ignored = diff.ignored?.closingSockets ?? 0;
  if (ignored > 0)
    out.push(`(${plural(ignored, 'closing socket')} such as TIME_WAIT left out; --include-closing compares them too)`);
  return out.join('\n') + '\n';
}
