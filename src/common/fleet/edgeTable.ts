/**
 * The fleet's edges, counted as client sockets are read: one edge per client host and pid,
 * server host and pid, protocol and port (unmatched ones also per address dialed). Found by
 * numbers, not text: a 100-host fleet makes ~250,000 edges, and building a text key for each of
 * its ~250,000 client sockets cost more than all the pairing (bench/fleetBench.ts).
 */
import type { Protocol } from '../model/model';
import type { FleetEdge } from './fleetModel';

/** Pids below 2^22 (Linux's largest pid_max), hosts below 2^14: the inner key stays under 2^53. */
const PIDS = 4_194_304;
const HOSTS = 16_384;

export class EdgeTable {
  readonly edges: FleetEdge[] = [];
  private readonly matched = new Map<number, Map<number, FleetEdge>>();
  private readonly other = new Map<string, FleetEdge>();

  /**
   * The edge of these ends, made by `make` the first time. `clientHost`/`serverHost` are the
   * members' positions (serverHost -1: none); `remote` only for unmatched edges.
   */
  find(
    clientHost: number,
    clientPid: number,
    serverHost: number,
    serverPid: number | null,
    protocol: Protocol,
    port: number,
    remote: string | null,
    make: () => FleetEdge,
  ): FleetEdge {
    const numeric =
      remote === null &&
      serverPid !== null &&
      serverHost >= 0 &&
      serverHost < HOSTS &&
      clientHost < HOSTS &&
      clientPid >= 0 &&
      clientPid < PIDS &&
      serverPid >= 0 &&
      serverPid < PIDS;
    if (!numeric) {
      // Unmatched, or numbers no Linux makes (a hand-written file): text keys, the same answer.
      const key = `${clientHost}|${clientPid}|${serverHost}|${serverPid}|${protocol}|${port}|${remote ?? ''}`;
      let e = this.other.get(key);
      if (!e) this.other.set(key, (e = this.add(make())));
      return e;
    }
    const outer = clientHost * PIDS + clientPid;
    let inner = this.matched.get(outer);
    if (!inner) this.matched.set(outer, (inner = new Map()));
    const key = ((serverHost * PIDS + serverPid!) * 65536 + port) * 2 + (protocol === 'tcp' ? 0 : 1);
    let e = inner.get(key);
    if (!e) inner.set(key, (e = this.add(make())));
    return e;
  }

  private add(e: FleetEdge): FleetEdge {
    this.edges.push(e);
    return e;
  }
}
