/**
 * Interface byte counters from /proc/net/dev (Linux): what every interface has sent and
 * received since boot, readable by any user.
 */
import type { InterfaceTraffic } from '../../common/model/model';
import { tryReadProcText } from '../collectors/procfs/readProcFile';

export interface InterfaceCounters {
  name: string;
  bytesReceived: number;
  bytesSent: number;
}

/** Parse /proc/net/dev: two header lines, then `name: rx_bytes rx_packets … (8 rx fields) tx_bytes …`. */
export function parseNetDev(text: string): InterfaceCounters[] {
  const out: InterfaceCounters[] = [];
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const fields = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/);
    const rx = Number(fields[0]);
    const tx = Number(fields[8]);
    if (fields.length < 16 || !Number.isFinite(rx) || !Number.isFinite(tx)) continue;
    out.push({ name: line.slice(0, colon).trim(), bytesReceived: rx, bytesSent: tx });
  }
  return out;
}

export function readNetDev(procRoot = '/proc'): InterfaceCounters[] | null {
  const text = tryReadProcText(`${procRoot}/net/dev`);
  return text === null ? null : parseNetDev(text);
}

/** Interface counters with rates against the previous reading. */
export class InterfaceMeter {
  private prev: { at: number; byName: Map<string, InterfaceCounters> } | null = null;

  constructor(private readonly procRoot = '/proc') {}

  /** `at`: performance.now() of this reading. */
  read(at: number): InterfaceTraffic[] {
    const counters = readNetDev(this.procRoot);
    if (!counters) return [];
    const before = this.prev;
    this.prev = { at, byName: new Map(counters.map((c) => [c.name, c])) };
    const dt = before ? (at - before.at) / 1000 : 0;
    return counters.map((c) => {
      const b = before?.byName.get(c.name);
      // A counter that went backwards (the interface was re-created) has no rate this time.
      const rate = (now: number, then: number | undefined) =>
        then !== undefined && dt > 0 && now >= then ? (now - then) / dt : null;
      return {
        name: c.name,
        bytesSent: c.bytesSent,
        bytesReceived: c.bytesReceived,
        sendRate: rate(c.bytesSent, b?.bytesSent),
        receiveRate: rate(c.bytesReceived, b?.bytesReceived),
      };
    });
  }
}
