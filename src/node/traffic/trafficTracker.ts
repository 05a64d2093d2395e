/**
 * Traffic between samples: per-socket rates from two dumps' counters (matched by socket
 * cookie), and connections that opened and closed in between, caught from the kernel's
 * sock_diag destroy events (SKNLGRP_INET{,6}_TCP_DESTROY, readable without privilege), each
 * carrying the socket's final tcp_info. A closed connection is attributed to the process that
 * held it at the last sample (by cookie), else — an accepted connection never seen — to the
 * owner of the listener on its local port, else to "unattributed"; never guessed otherwise.
 */
import type { ClosedTraffic, CollectedTraffic } from '../../common/model/collected';
import { NumberIndex } from '../../common/derive/numberIndex';
import { unmapIPv4 } from '../../common/derive/addressScope';
import { NETLINK_SOCK_DIAG, type NetlinkAddon } from '../netlink/netlinkAddon';
import { decodeInetDiag, TCP_DESTROY_GROUPS, type DiagEntry } from '../netlink/inetDiag';
import { InterfaceMeter } from './netDev';

/** Ask for this much queue for close events (granted in full to root, else up to net.core.rmem_max). */
const EVENT_QUEUE_BYTES = 8 << 20;
/** Drain close events this often between samples, so a burst does not overflow the queue. */
const DRAIN_EVERY_MS = 200;
/** Pending close events kept at most between two samples. */
const MAX_PENDING = 200_000;

interface Sample {
  at: number;
  index: NumberIndex;
  sent: Float64Array;
  received: Float64Array;
  pid: Int32Array;
}

export class TrafficTracker {
  private prev: Sample | null = null;
  private fd: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pending: DiagEntry[] = [];
  /** Close events met while their socket was still in the dump just taken: settled next sample. */
  private deferred: DiagEntry[] = [];
  private lost = 0;
  private readonly closed = new Map<number, ClosedTraffic>();
  private readonly since: string;
  private subscribeError: string | null = null;
  private readonly interfaces: InterfaceMeter;

  constructor(
    private readonly addon: NetlinkAddon,
    procRoot = '/proc',
  ) {
    this.since = new Date().toISOString();
    this.interfaces = new InterfaceMeter(procRoot);
    try {
      this.fd = addon.subscribe(NETLINK_SOCK_DIAG, TCP_DESTROY_GROUPS, EVENT_QUEUE_BYTES);
      this.timer = setInterval(() => this.drain(), DRAIN_EVERY_MS);
      this.timer.unref();
    } catch (err) {
      this.subscribeError = `connections that close between refreshes are not counted: ${(err as Error).message}`;
    }
  }

  private drain(): void {
    if (this.fd === null) return;
    try {
      const { data, lost } = this.addon.drain(this.fd);
      this.lost += lost;
      if (data.length > 0) decodeInetDiag(data, 'tcp', this.pending);
      if (this.pending.length > MAX_PENDING) {
        this.lost += this.pending.length - MAX_PENDING;
        this.pending.splice(0, this.pending.length - MAX_PENDING);
      }
    } catch {
      // A broken event socket loses close events, never the snapshot.
    }
  }

  /**
   * Rates on `rows` (the dump taken at `at`, performance.now(), owners filled in) and what
   * closed since the previous sample. Mutates the rows' sendRate/receiveRate.
   */
  sample(rows: readonly DiagEntry[], at: number, warnings: string[]): CollectedTraffic {
    const prev = this.prev;
    const { index, sent, received, pid } = countersWithRates(rows, prev, at);
    this.drain();
    const events = this.deferred.concat(this.pending);
    this.pending = [];
    this.deferred = [];
    const listeners = listenerOwners(rows);
    const byRemote = new Map<string, { address: string; intervalSent: number; intervalReceived: number }>();
    for (const ev of events) {
      if (ev.remotePort === null || ev.bytesSent === null || ev.bytesReceived === null) continue; // a listener closing
      if (index.has(ev.cookie)) {
        this.deferred.push(ev); // still in this dump: its bytes so far are counted there
        continue;
      }
      const j = prev ? prev.index.get(ev.cookie) : -1;
      let owner = j >= 0 ? prev!.pid[j]! : -1;
      if (owner < 0)
        owner = listeners.get(endpointKey(ev.localAddress, ev.localPort)) ?? listeners.get(`*|${ev.localPort}`) ?? -1;
      const intervalSent = Math.max(0, ev.bytesSent - (j >= 0 ? prev!.sent[j]! : 0));
      const intervalReceived = Math.max(0, ev.bytesReceived - (j >= 0 ? prev!.received[j]! : 0));
      this.addClosed(owner, ev.bytesSent, ev.bytesReceived, intervalSent, intervalReceived);
      const remote = unmapIPv4(ev.remoteAddress!);
      const acc = byRemote.get(remote) ?? { address: remote, intervalSent: 0, intervalReceived: 0 };
      acc.intervalSent += intervalSent;
      acc.intervalReceived += intervalReceived;
      byRemote.set(remote, acc);
    }
    const closed = [...this.closed.values()].map((c) => ({ ...c }));
    for (const c of this.closed.values()) c.intervalSent = c.intervalReceived = 0;
    this.prev = { at, index, sent, received, pid };
    if (this.subscribeError) warnings.push(this.subscribeError);
    if (this.lost > 0)
      warnings.push(
        `the kernel dropped ${this.lost} connection-close event(s): their bytes are missing from the totals`,
      );
    return {
      available: true,
      unavailableReason: null,
      source: 'sock_diag',
      intervalMs: prev ? Math.round((at - prev.at) * 10) / 10 : null,
      since: this.fd === null ? null : this.since,
      closed,
      closedByRemote: [...byRemote.values()],
      interfaces: this.interfaces.read(at),
      lostEvents: this.lost,
    };
  }

  private addClosed(
    owner: number,
    bytesSent: number,
    bytesReceived: number,
    intervalSent: number,
    intervalReceived: number,
  ): void {
    let acc = this.closed.get(owner);
    if (!acc) {
      acc = {
        pid: owner < 0 ? null : owner,
        connections: 0,
        bytesSent: 0,
        bytesReceived: 0,
        intervalSent: 0,
        intervalReceived: 0,
      };
      this.closed.set(owner, acc);
    }
    acc.connections++;
    acc.bytesSent += bytesSent;
    acc.bytesReceived += bytesReceived;
    if (this.prev) {
      acc.intervalSent += intervalSent;
      acc.intervalReceived += intervalReceived;
    }
  }

  /** Interface throughput alone (a sample whose dump failed). */
  interfacesAt(at: number) {
    return this.interfaces.read(at);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.fd !== null) this.addon.close(this.fd);
    this.fd = null;
  }
}

/**
 * This dump's counters by cookie, and each row's rates against the previous sample (mutated
 * onto the rows). The hot loop of the sample, in a small function of its own: V8 recompiled the
 * whole of a large function that held it on most live ticks (measured with --trace-opt).
 */
function countersWithRates(rows: readonly DiagEntry[], prev: Sample | null, at: number): Omit<Sample, 'at'> {
  const dt = prev ? (at - prev.at) / 1000 : 0;
  let n = 0;
  for (let i = 0; i < rows.length; i++) if (rows[i]!.bytesSent !== null && rows[i]!.bytesReceived !== null) n++;
  const index = new NumberIndex(n);
  const sent = new Float64Array(n);
  const received = new Float64Array(n);
  const pid = new Int32Array(n);
  for (let i = 0, k = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.bytesSent === null || r.bytesReceived === null) continue;
    index.set(r.cookie, k);
    sent[k] = r.bytesSent;
    received[k] = r.bytesReceived;
    pid[k] = r.pid ?? -1;
    k++;
    if (prev && dt > 0) {
      const j = prev.index.get(r.cookie);
      // A socket the previous dump did not have was born since: all its bytes are this interval's.
      // Whole bytes per second: finer digits are noise, and 20,000 of them cost ~0.5 MB of JSON.
      r.sendRate = Math.round(Math.max(0, r.bytesSent - (j >= 0 ? prev.sent[j]! : 0)) / dt);
      r.receiveRate = Math.round(Math.max(0, r.bytesReceived - (j >= 0 ? prev.received[j]! : 0)) / dt);
    }
  }
  return { index, sent, received, pid };
}

const endpointKey = (address: string, port: number) => `${unmapIPv4(address)}|${port}`;

/** Owners of listening sockets by local endpoint (wildcards as `*|port`). */
function listenerOwners(rows: readonly DiagEntry[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.state !== 'LISTEN' || r.pid === null) continue;
    const wildcard = r.localAddress === '0.0.0.0' || r.localAddress === '::';
    out.set(wildcard ? `*|${r.localPort}` : endpointKey(r.localAddress, r.localPort), r.pid);
  }
  return out;
}
