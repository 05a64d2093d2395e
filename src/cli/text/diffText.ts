/**
 * `sockeye diff` for people: the changes grouped by what one asks ("what started listening?",
 * "who is talking to a new host?"), one `+` or `-` line each, like a unified diff.
 */
import { endpointText } from '../../common/text/endpointText';
import { ownerLabel } from '../../common/derive/processSummary';
import type { Process, Snapshot, Socket } from '../../common/model/model';
import { diffHighlights, isEmptyDiff, type SnapshotDiff } from '../../common/snapshot/snapshotDiff';
import { terminalField as f } from './terminalText';

function socketLine(sign: string, s: Socket, procs: Map<number, Process>): string {
  const endpoint = (address: string | null, port: number | null) => endpointText(address, port, { noPort: 'omit' });
  const ends =
    s.remoteAddress === null
      ? endpoint(s.localAddress, s.localPort)
      : `${endpoint(s.localAddress, s.localPort)} → ${endpoint(s.remoteAddress, s.remotePort)}`;
  const parts = [s.protocol, ends, s.state ?? '', s.side ?? '', s.service ?? ''].filter(Boolean).map(f);
  return `  ${sign} ${parts.join('  ')}  ${f(ownerLabel(s.pid, procs))}`;
}

function processLine(sign: string, p: Process): string {
  return `  ${sign} ${f(p.label)} (${p.pid})  ${f(p.role)}${p.user ? `  user ${f(p.user)}` : ''}`;
}

/** The human-readable report of `diff` from `a` to `b`. */
export function formatDiff(diff: SnapshotDiff, a: Snapshot, b: Snapshot): string {
  const before = new Map(a.processes.map((p) => [p.pid, p]));
  const after = new Map(b.processes.map((p) => [p.pid, p]));
  const h = diffHighlights(diff, a);
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
  const sockets = (title: string, list: Socket[], sign: string, procs: Map<number, Process>) =>
    group(
      title,
      list.map((s) => socketLine(sign, s, procs)),
    );
  sockets('Listeners opened', h.listenersOpened, '+', after);
  sockets('Listeners closed', h.listenersClosed, '-', before);
  sockets('Connections added', h.connectionsAdded, '+', after);
  sockets('Connections removed', h.connectionsRemoved, '-', before);
  sockets('Other sockets added', h.otherAdded, '+', after);
  sockets('Other sockets removed', h.otherRemoved, '-', before);
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
    `${h.listenersOpened.length} listeners opened`,
    `${h.listenersClosed.length} closed`,
    `${h.connectionsAdded.length} connections added`,
    `${h.connectionsRemoved.length} removed`,
    `${h.processesAppeared.length} processes appeared`,
    `${h.processesVanished.length} vanished`,
    `${h.rolesChanged.length} changed role`,
    `${h.newRemoteHosts.length} new remote hosts`,
  ];
  out.push('', `summary: ${counts.join(', ')}`);
  return out.join('\n') + '\n';
}
