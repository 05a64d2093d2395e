/**
 * `sockeye diff` for people: the changes grouped by what one asks ("what started listening?",
 * "who is talking to a new host?"), one `+` or `-` line each, like a unified diff, with the
 * columns of each group aligned. A server's row reads `local ← remote` (the peer came to us), a
 * client's `local → remote`.
 */
import { endpointText } from '../../common/text/endpointText';
import { holdersText } from '../../common/text/ownerWords';
import type { Process, Snapshot, Socket } from '../../common/model/model';
import { diffHighlights, isEmptyDiff, type SnapshotDiff } from '../../common/snapshot/snapshotDiff';
import { alignRows } from './socketTable';
import { terminalField as f } from './terminalText';

const hostAndPort = (address: string, port: number | null) => endpointText(address, port, { noPort: 'omit' });

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
  ].map((cell, i) => (i === 0 ? cell : f(cell)));
}

function processLine(sign: string, p: Process): string {
  return `  ${sign} ${f(p.label)} (${p.pid})  ${f(p.role)}${p.user ? `  user ${f(p.user)}` : ''}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The human-readable report of `diff` from `a` to `b`. */
export function formatDiff(diff: SnapshotDiff, a: Snapshot, b: Snapshot): string {
  const before = new Map(a.processes.map((p) => [p.pid, p]));
  const after = new Map(b.processes.map((p) => [p.pid, p]));
  const h = diffHighlights(diff, a, b);
  const out: string[] = [
    `from ${f(diff.from.hostname)} at ${f(diff.from.takenAt)}`,
    `  to ${f(diff.to.hostname)} at ${f(diff.to.takenAt)}`,
  ];
  if (diff.from.hostname !== diff.to.hostname) out.push('note: the two snapshots are of different hosts');
  const group = (title: string, lines: string[]) => {
    if (!lines.length) return;
    out.push('', `${title} (${lines.length})`);
    // One push per line: spreading 125k lines into push() overflowed the call stack.
    for (const line of lines) out.push(line);
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
    h.rolesChanged.map((c) => `  ~ ${f(after.get(c.pid)?.label ?? c.name)} (${c.pid})  ${c.from} → ${c.to}`),
  );
  group(
    'Remote hosts seen for the first time',
    h.newRemoteHosts.map((r) => `  + ${f(r)}`),
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
