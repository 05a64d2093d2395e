/**
 * `sockeye diff` for people: the changes grouped by what one asks ("what started listening?",
 * "who is talking to a new host?"), one `+` or `-` line each, like a unified diff.
 */
import { hostAndPort } from '../shared/endpointText';
import { holdersText } from '../shared/ownerWords';
import type { Process, Snapshot, Socket } from '../shared/model';
import { diffHighlights, isEmptyDiff, type SnapshotDiff } from '../shared/snapshotDiff';

function socketLine(sign: string, s: Socket, procs: Map<number, Process>, privileged = true): string {
  const ends =
    s.remoteAddress === null
      ? hostAndPort(s.localAddress, s.localPort)
      : `${hostAndPort(s.localAddress, s.localPort)} → ${hostAndPort(s.remoteAddress, s.remotePort)}`;
  const parts = [s.protocol, ends, s.state ?? '', s.side ?? '', s.service ?? ''].filter(Boolean);
  return `  ${sign} ${parts.join('  ')}  ${holdersText(s, procs, privileged)}`;
}

function processLine(sign: string, p: Process): string {
  return `  ${sign} ${p.label} (${p.pid})  ${p.role}${p.user ? `  user ${p.user}` : ''}`;
}

/** The human-readable report of `diff` from `a` to `b`. */
export function formatDiff(diff: SnapshotDiff, a: Snapshot, b: Snapshot): string {
  const before = new Map(a.processes.map((p) => [p.pid, p]));
  const after = new Map(b.processes.map((p) => [p.pid, p]));
  const h = diffHighlights(diff, a);
  const out: string[] = [
    `from ${diff.from.hostname} at ${diff.from.takenAt}`,
    `  to ${diff.to.hostname} at ${diff.to.takenAt}`,
  ];
  if (diff.from.hostname !== diff.to.hostname) out.push('note: the two snapshots are of different hosts');
  const group = (title: string, lines: string[]) => {
    if (lines.length) out.push('', `${title} (${lines.length})`, ...lines);
  };
  group(
    'Listeners opened',
    h.listenersOpened.map((s) => socketLine('+', s, after, b.host.privileged)),
  );
  group(
    'Listeners closed',
    h.listenersClosed.map((s) => socketLine('-', s, before, a.host.privileged)),
  );
  group(
    'Connections added',
    h.connectionsAdded.map((s) => socketLine('+', s, after, b.host.privileged)),
  );
  group(
    'Connections removed',
    h.connectionsRemoved.map((s) => socketLine('-', s, before, a.host.privileged)),
  );
  group(
    'Other sockets added',
    h.otherAdded.map((s) => socketLine('+', s, after, b.host.privileged)),
  );
  group(
    'Other sockets removed',
    h.otherRemoved.map((s) => socketLine('-', s, before, a.host.privileged)),
  );
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
