/**
 * Collect + assemble: one `Snapshot` from one collector. Keeps the collector (and so its
 * caches) alive between calls, which is what makes a live refresh cheap.
 */
import { assembleSnapshot } from '../../common/derive/assembleSnapshot';
import type { CollectorName, Snapshot } from '../../common/model/model';
import { createCollector, type Collector, type CollectorOptions } from '../collectors';
import { loadServiceTable } from '../collectors/serviceTable';
import { hostId } from './hostId';
import { SocketReuse } from '../../common/derive/socketReuse';

export class SnapshotTaker {
  private readonly collector: Collector;
  /** The last snapshot's sockets, reused where unchanged (see socketReuse.ts). */
  private readonly reuse = new SocketReuse();

  constructor(collector?: CollectorName, options: CollectorOptions = {}) {
    this.collector = createCollector(collector, options);
  }

  get collectorName(): CollectorName {
    return this.collector.name;
  }

  async take(): Promise<Snapshot> {
    const collected = await this.collector.collect();
    const snapshot = assembleSnapshot(collected, { services: loadServiceTable(), reuse: this.reuse });
    // Filled here, in the node layer: the id comes from /etc/machine-id, which common/ cannot read.
    snapshot.host.id ??= hostId();
    return snapshot;
  }
}
