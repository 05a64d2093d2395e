/**
 * Collector selection. Both collectors hand over the same `Collected` shape and pass the same
 * contract tests; procfs is the default where /proc/net exists (Linux), systeminformation
 * elsewhere (macOS, Windows) or when forced.
 */
import type { Collected } from '../../common/model/collected';
import type { CollectorName } from '../../common/model/model';
import { ProcfsCollector, procfsAvailable } from './procfs/procfsCollector';

export interface Collector {
  readonly name: CollectorName;
  collect(): Promise<Collected>;
}

/** The collector to use: the one asked for, else procfs where available, else systeminformation. */
export function defaultCollectorName(): CollectorName {
  return process.platform === 'linux' && procfsAvailable() ? 'procfs' : 'systeminformation';
}

export interface CollectorOptions {
  /** procfs: read the socket rows from sock_diag (default where the addon loads) or /proc/net. */
  socketTable?: 'netlink' | 'procfs';
}

export function createCollector(
  name: CollectorName = defaultCollectorName(),
  options: CollectorOptions = {},
): Collector {
  if (name === 'procfs') {
    if (!procfsAvailable())
      throw new Error('the procfs collector needs /proc/net/tcp (Linux); use --collector systeminformation');
    const procfs = new ProcfsCollector({ socketTable: options.socketTable });
    return { name, collect: () => procfs.collect() };
  }
  return {
    name,
    // Loaded on demand: systeminformation is large and most Linux runs never need it.
    collect: async () => (await import('./systeminformationCollector')).collectWithSysteminformation(),
  };
}
