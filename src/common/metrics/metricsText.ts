/**
 * A snapshot as Prometheus metrics: the text exposition format 0.0.4, or OpenMetrics 1.0 when the
 * scraper asks for it. Hand-written (ADR 0066): the format is a few lines of text, and this runs
 * in the snapshot worker on pure data, where a client library's registry (built for counters a
 * process updates itself) would be rebuilt per scrape.
 *
 * Labels are bounded: process labels, ports, protocols, exposure, service, socket state — never
 * pids or addresses, which would make a new series for every process start and every peer.
 */
import type { Snapshot } from '../model/model';
import { exposureOf } from '../derive/exposure';

export type MetricsFormat = 'prometheus' | 'openmetrics';

export const METRICS_CONTENT_TYPE: Record<MetricsFormat, string> = {
  prometheus: 'text/plain; version=0.0.4; charset=utf-8',
  openmetrics: 'application/openmetrics-text; version=1.0.0; charset=utf-8',
};

/** The format an Accept header asks for: OpenMetrics only when named (Prometheus names it first). */
export function metricsFormatFor(accept: string | undefined): MetricsFormat {
  return typeof accept === 'string' && accept.toLowerCase().includes('application/openmetrics-text')
    ? 'openmetrics'
    : 'prometheus';
}

const NEEDS_ESCAPE = /[\\"\n]/;

/** A label value as both formats want it: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\"\n]/g, (c) => (c === '\\' ? '\\\\' : c === '"' ? '\\"' : '\\n'));
}

type Labels = Record<string, string | number>;

interface Family {
  /** The family name; a counter's samples add `_total`, an info's `_info`. */
  name: string;
  type: 'gauge' | 'counter' | 'info';
  help: string;
  samples: { labels: Labels; value: number }[];
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(String(v))}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function familyText(f: Family, format: MetricsFormat, out: string[]): void {
  const om = format === 'openmetrics';
  const suffix = f.type === 'counter' ? '_total' : f.type === 'info' ? '_info' : '';
  // 0.0.4 has no info type and names a counter family with its _total: they are plain samples there.
  const typeName = om ? f.name : f.name + suffix;
  const type = f.type === 'info' && !om ? 'gauge' : f.type;
  out.push(`# HELP ${typeName} ${f.help}`, `# TYPE ${typeName} ${type}`);
  for (const s of f.samples) out.push(`${f.name}${suffix}${labelText(s.labels)} ${s.value}`);
}

/** A cheap identity of a label set (values in order, NUL between: no label value holds one that matters). */
function labelKey(labels: Labels): string {
  return Object.values(labels).join('\u0000');
}

/** Sums `value` into `map` under the label set; the first-seen labels are kept for output. */
function add(map: Map<string, { labels: Labels; value: number }>, labels: Labels, value: number): void {
  const key = labelKey(labels);
  const hit = map.get(key);
  if (hit) hit.value += value;
  else map.set(key, { labels, value });
}

/** The readable name a metric gives a process: its label, else its name; never its pid. */
function processNames(snapshot: Snapshot): Map<number, string> {
  const names = new Map<number, string>();
  for (const p of snapshot.processes) names.set(p.pid, p.label ?? p.name ?? 'unknown');
  return names;
}

function socketFamilies(snapshot: Snapshot, names: Map<number, string>): Family[] {
  const listeners = new Map<string, { labels: Labels; value: number }>();
  const states = new Map<string, { labels: Labels; value: number }>();
  let unattributed = 0;
  const stateCounts = new Map<string, number>();
  for (const s of snapshot.sockets) {
    // Counted by a plain key first: this loop runs once per socket (20,000 and more).
    const stateKey = `${s.protocol} ${s.state ?? 'unknown'}`;
    stateCounts.set(stateKey, (stateCounts.get(stateKey) ?? 0) + 1);
    if (s.pid === null) unattributed++;
    const listening = s.protocol === 'tcp' ? s.state === 'LISTEN' : s.side === 'server' && s.remoteAddress === null;
    if (!listening) continue;
    const labels = {
      process: s.pid === null ? 'unknown' : (names.get(s.pid) ?? 'unknown'),
      port: s.localPort,
      protocol: s.protocol,
      exposure: exposureOf(s.localScope),
      service: s.service ?? '',
    };
    // Info: 1 per distinct listener label set (0.0.0.0 and :: on one port are one listener here).
    if (!listeners.has(labelKey(labels))) add(listeners, labels, 1);
  }
  for (const [key, n] of stateCounts) {
    const [protocol, state] = key.split(' ') as [string, string];
    add(states, { protocol, state }, n);
  }
  return [
    {
      name: 'sockeye_listener',
      type: 'info',
      help: 'A listening socket (TCP LISTEN, UDP server), 1 per distinct label set.',
      samples: [...listeners.values()],
    },
    { name: 'sockeye_sockets', type: 'gauge', help: 'Sockets by protocol and state.', samples: [...states.values()] },
    {
      name: 'sockeye_unattributed_sockets',
      type: 'gauge',
      help: 'Sockets whose owning process is not known (hidden owner, TIME_WAIT).',
      samples: [{ labels: {}, value: unattributed }],
    },
    {
      name: 'sockeye_unmapped_sockets',
      type: 'gauge',
      help: 'Sockets some process holds that the OS would not map to it.',
      samples: [{ labels: {}, value: snapshot.host.unmappedSockets }],
    },
  ];
}

function edgeAndTrafficFamilies(snapshot: Snapshot, names: Map<number, string>): Family[] {
  const edges = new Map<string, { labels: Labels; value: number }>();
  const name = (pid: number) => names.get(pid) ?? 'unknown';
  for (const e of snapshot.edges) {
    add(edges, { client: name(e.clientPid), server: name(e.serverPid), port: e.port, protocol: e.protocol }, e.count);
  }
  const families: Family[] = [
    {
      name: 'sockeye_edge_connections',
      type: 'gauge',
      help: 'Connections from a client process to a server process on a port of this host.',
      samples: [...edges.values()],
    },
  ];
  const traffic = snapshot.traffic;
  if (traffic?.available) {
    const bytes = new Map<string, { labels: Labels; value: number }>();
    for (const p of traffic.processes) {
      add(bytes, { process: name(p.pid), direction: 'sent' }, p.bytesSent);
      add(bytes, { process: name(p.pid), direction: 'received' }, p.bytesReceived);
    }
    add(bytes, { process: 'unattributed', direction: 'sent' }, traffic.unattributed.bytesSent);
    add(bytes, { process: 'unattributed', direction: 'received' }, traffic.unattributed.bytesReceived);
    families.push({
      name: 'sockeye_process_bytes',
      type: 'counter',
      help: 'TCP bytes per process since Sockeye started watching (closed connections included).',
      samples: [...bytes.values()],
    });
  }
  return families;
}

export interface MetricsInput {
  snapshot: Snapshot;
  /** How long the collection took. */
  durationMs: number;
}

/** The whole exposition text for one snapshot. */
export function formatMetrics({ snapshot, durationMs }: MetricsInput, format: MetricsFormat): string {
  const names = processNames(snapshot);
  const families: Family[] = [
    ...socketFamilies(snapshot, names),
    ...edgeAndTrafficFamilies(snapshot, names),
    {
      name: 'sockeye_snapshot_duration_seconds',
      type: 'gauge',
      help: 'How long the snapshot these figures come from took to collect.',
      samples: [{ labels: {}, value: durationMs / 1000 }],
    },
    {
      name: 'sockeye_snapshot_timestamp_seconds',
      type: 'gauge',
      help: 'When that snapshot was taken (Unix time).',
      samples: [{ labels: {}, value: Date.parse(snapshot.takenAt) / 1000 }],
    },
  ];
  const out: string[] = [];
  for (const f of families) familyText(f, format, out);
  if (format === 'openmetrics') out.push('# EOF');
  return out.join('\n') + '\n';
}
