/**
 * What the procfs collector asks about traffic each sample: counters on its rows (the rows
 * themselves when they came from sock_diag; joined by inode when they came from /proc/net),
 * rates and closed connections (TrafficTracker), interface throughput (/proc/net/dev) — or,
 * without the addon, the one-line reason traffic is unavailable (interfaces still measured).
 */
import type { CollectedTraffic } from '../../common/model/collected';
import { NumberIndex } from '../../common/derive/numberIndex';
import type { AddonStatus, NetlinkAddon } from '../netlink/netlinkAddon';
import type { DiagEntry } from '../netlink/inetDiag';
import type { ProcNetEntry } from '../collectors/procfs/procNetParse';
import { TrafficTracker } from './trafficTracker';
import { InterfaceMeter } from './netDev';

export class SocketTraffic {
  readonly addon: NetlinkAddon | null;
  private readonly reason: string | null;
  private tracker: TrafficTracker | null = null;
  private readonly meter: InterfaceMeter;

  constructor(status: AddonStatus, procRoot: string) {
    this.addon = status.ok ? status.addon : null;
    this.reason = status.ok ? null : status.reason;
    this.meter = new InterfaceMeter(procRoot);
    // Subscribed from the start, so connections that close before the second sample count.
    if (this.addon) this.tracker = new TrafficTracker(this.addon, procRoot);
  }

  /**
   * `entries`: the snapshot's rows (pids filled in); `counted`: the sock_diag rows with
   * counters — `entries` itself, or a separate TCP dump, or null when the dump failed.
   */
  sample(
    entries: ProcNetEntry[],
    counted: DiagEntry[] | null,
    owners: NumberIndex,
    at: number,
    warnings: string[],
  ): CollectedTraffic {
    if (!this.tracker || counted === null) {
      return unavailable(
        this.reason ?? 'the sock_diag dump failed (see warnings)',
        this.tracker ? this.tracker.interfacesAt(at) : this.meter.read(at),
      );
    }
    const joined = counted !== entries;
    if (joined) for (const r of counted) r.pid = r.inode === 0 ? null : nonNegative(owners.get(r.inode));
    const traffic = this.tracker.sample(counted, at, warnings);
    if (joined) copyCounters(counted, entries);
    return traffic;
  }

  close(): void {
    this.tracker?.close();
    this.tracker = null;
  }
}

const nonNegative = (n: number) => (n < 0 ? null : n);

/** Counters of the sock_diag rows onto the /proc/net rows of the same inode. */
function copyCounters(from: DiagEntry[], to: ProcNetEntry[]): void {
  const byInode = new NumberIndex(from.length);
  for (let i = 0; i < from.length; i++) if (from[i]!.inode !== 0) byInode.set(from[i]!.inode, i);
  for (const e of to) {
    if (e.protocol !== 'tcp' || e.inode === 0) continue;
    const i = byInode.get(e.inode);
    if (i < 0) continue;
    const r = from[i]!;
    e.bytesSent = r.bytesSent;
    e.bytesReceived = r.bytesReceived;
    e.bytesRetransmitted = r.bytesRetransmitted;
    e.rttMs = r.rttMs;
    e.sendRate = r.sendRate;
    e.receiveRate = r.receiveRate;
  }
}

export function unavailable(reason: string, interfaces: CollectedTraffic['interfaces'] = []): CollectedTraffic {
  return {
    available: false,
    unavailableReason: reason,
    source: null,
    intervalMs: null,
    since: null,
    closed: [],
    closedByRemote: [],
    interfaces,
    lostEvents: 0,
  };
}
