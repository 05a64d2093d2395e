/**
 * What stopping a process would cost, worked out from a snapshot before anyone confirms: the
 * processes a target names (a pid, or every holder of a listening port), each with its
 * listeners and the clients connected to them. Also the processes Sockeye never stops.
 */
import { holds, socketHolders } from '../derive/holders';
import type { Process, Protocol, Snapshot } from '../model/model';
import { isListening } from '../derive/listening';
import { exposureOf, type Exposure } from '../derive/exposure';
import { buildProcessStory } from '../viewModel/processStory';
import type { ProcessIdentity } from './identity';
import { endpointText } from '../text/endpointText';

export type KillTargetSpec = { kind: 'pid'; pid: number } | { kind: 'port'; port: number; protocol: Protocol };

export interface KillListener {
  protocol: Protocol;
  address: string;
  port: number;
  exposure: Exposure;
}

export interface KillClients {
  /** Local processes connected to its listeners, by label. */
  local: { pid: number; label: string; connections: number }[];
  /** Remote hosts connected to its listeners, by address (and name when known). */
  remote: { address: string; name: string | null; connections: number }[];
  /** Connections from this machine whose owner is hidden. */
  hidden: number;
}

export interface KillTarget {
  identity: ProcessIdentity;
  label: string;
  user: string | null;
  listeners: KillListener[];
  clients: KillClients;
  /** Why Sockeye will not stop it (PID 1, Sockeye itself), or null. */
  refusal: string | null;
}

/** `:PORT` (or `:PORT/udp`) names a listening port, a bare number a pid. */
export function parseKillTarget(text: string): KillTargetSpec | { error: string } {
  const port = /^:(\d{1,5})(?:\/(tcp|udp))?$/i.exec(text.trim());
  if (port) {
    const n = Number(port[1]);
    if (n < 1 || n > 65535) return { error: `port must be 1–65535, not ${port[1]}` };
    return { kind: 'port', port: n, protocol: (port[2]?.toLowerCase() as Protocol | undefined) ?? 'tcp' };
  }
  if (/^\d{1,10}$/.test(text.trim())) {
    const pid = Number(text.trim());
    if (pid < 1 || pid > 2 ** 31 - 1) return { error: `not a process id: ${text}` };
    return { kind: 'pid', pid };
  }
  return { error: `a target is a pid (1234) or a listening port (:3000, :53/udp), not '${text}'` };
}

/** Why a pid is never stopped, or null. `self` holds Sockeye's own pids (and its parent's, for the app). */
export function refusalFor(pid: number, self: readonly number[]): string | null {
  if (pid === 1) return 'PID 1 is the init system: stopping it would bring the whole machine down';
  if (pid <= 0) return `pid ${pid} names a process group, not a process`;
  if (self.includes(pid)) return `pid ${pid} is Sockeye itself`;
  return null;
}

/** The target's description from the snapshot (or from `process` when the snapshot does not list it). */
export function describeTarget(snapshot: Snapshot, process: Process, self: readonly number[]): KillTarget {
  const withProcess = snapshot.processes.some((p) => p.pid === process.pid)
    ? snapshot
    : { ...snapshot, processes: [...snapshot.processes, process] };
  const story = buildProcessStory(withProcess, process.pid);
  const listeners: KillListener[] = snapshot.sockets
    .filter((s) => holds(s, process.pid) && isListening(s))
    .map((s) => ({
      protocol: s.protocol,
      address: s.localAddress,
      port: s.localPort,
      exposure: exposureOf(s.localScope),
    }));
  const clients: KillClients = { local: [], remote: [], hidden: 0 };
  for (const served of story?.serves ?? []) {
    for (const c of served.clients) {
      if (c.peer.kind === 'process')
        clients.local.push({ pid: c.peer.pid, label: c.peer.label, connections: c.connections });
      else if (c.peer.kind === 'remote')
        clients.remote.push({ address: c.peer.address, name: c.peer.name, connections: c.connections });
      else clients.hidden += c.connections;
    }
  }
  return {
    identity: { pid: process.pid, startedAt: process.startedAt, path: process.path },
    label: process.label,
    user: process.user,
    listeners,
    clients,
    refusal: refusalFor(process.pid, self),
  };
}

export type KillPlan = { targets: KillTarget[]; error: null } | { targets: []; error: string };

/**
 * The processes `spec` names in `snapshot`. A pid the snapshot does not list (it has no socket)
 * can be described by `lookup`, which reads it from the OS; a port names its listeners' owners.
 */
export function planKill(
  snapshot: Snapshot,
  spec: KillTargetSpec,
  self: readonly number[],
  lookup?: (pid: number) => Process | null,
): KillPlan {
  const procs = new Map(snapshot.processes.map((p) => [p.pid, p]));
  if (spec.kind === 'pid') {
    const p = procs.get(spec.pid) ?? lookup?.(spec.pid) ?? null;
    if (!p) return { targets: [], error: `no process ${spec.pid}` };
    return { targets: [describeTarget(snapshot, p, self)], error: null };
  }
  const holders = new Set<number>();
  let hidden = 0;
  for (const s of snapshot.sockets) {
    if (s.protocol !== spec.protocol || s.localPort !== spec.port || !isListening(s)) continue;
    if (s.pid === null) hidden++;
    else for (const pid of socketHolders(s)) holders.add(pid); // a forked server: master and workers
  }
  if (holders.size === 0)
    return {
      targets: [],
      error:
        hidden > 0
          ? `${spec.port}/${spec.protocol} is held by a process whose owner is hidden (another user's): run elevated to see and stop it`
          : `nothing listens on ${spec.port}/${spec.protocol}`,
    };
  const targets = [...holders]
    .sort((a, b) => a - b)
    .flatMap((pid) => {
      const p = procs.get(pid);
      return p ? [describeTarget(snapshot, p, self)] : [];
    });
  if (targets.length === 0) return { targets: [], error: `the holders of ${spec.port}/${spec.protocol} have exited` };
  return { targets, error: null };
}

/** One line per loss, for a confirmation (CLI) or a dialog's list (UI). */
export function lossLines(t: KillTarget): string[] {
  const lines = [`process ${t.label} (pid ${t.identity.pid}${t.user ? `, user ${t.user}` : ''})`];
  for (const l of t.listeners) lines.push(`listener ${endpointText(l.address, l.port)}/${l.protocol} (${l.exposure})`);
  for (const c of t.clients.local) lines.push(`client ${c.label} (pid ${c.pid}) × ${c.connections}`);
  for (const c of t.clients.remote)
    lines.push(`client ${c.name ? `${c.name} (${c.address})` : c.address} × ${c.connections}`);
  if (t.clients.hidden > 0) lines.push(`${t.clients.hidden} connection(s) from processes whose owner is hidden`);
  return lines;
}
