/**
 * Collect + assemble: one `Snapshot` from one collector. Keeps the collector (and so its
 * caches) alive between calls, which is what makes a live refresh cheap.
 */
import { assembleSnapshot } from '../../common/derive/assembleSnapshot';
import type { CollectorName, Snapshot } from '../../common/model/model';
import { createCollector, type Collector, type CollectorOptions } from '../collectors';
import { loadServiceTable } from '../collectors/serviceTable';
import { hostId } from './hostId';

export class SnapshotTaker {
  private readonly collector: Collector;

  constructor(collector?: CollectorName, options: CollectorOptions = {}) {
    this.collector = createCollector(collector, options);
  }

  get collectorName(): CollectorName {
    return this.collector.name;
  }

  async take(): Promise<Snapshot> {
    const collected = await this.collector.collect();
    const snapshot = assembleSnapshot(collected, { services: loadServiceTable() });
    // Filled here, in the node layer: the id comes from /etc/machine-id, which common/ cannot read.
    snapshot.host.id ??= hostId();
    return snapshot;
  }
}
