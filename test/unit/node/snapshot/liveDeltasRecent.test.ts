/**
 * The read-only API's snapshots (GET /v1/snapshot, /metrics) never add a collection to a recent
 * one: a real collector (procfs on this Linux host), its take() counted.
 */
import { describe, expect, it } from 'vitest';
import { LiveDeltas } from '../../../../src/node/snapshot/liveDeltas';
import { SnapshotTaker } from '../../../../src/node/snapshot/snapshotTaker';
import { apiDocument } from '../../../../src/node/snapshot/apiDocuments';

class CountingTaker extends SnapshotTaker {
  takes = 0;
  override take() {
    this.takes++;
    return super.take();
  }
}

describe('LiveDeltas.recent', () => {
  it('reuses a snapshot younger than the bound, shares one under way, and takes anew once it is stale', async () => {
    const taker = new CountingTaker('procfs');
    const live = new LiveDeltas(taker);
    const [a, b] = await Promise.all([live.recent(60_000), live.recent(60_000)]);
    expect(taker.takes).toBe(1);
    expect(b).toBe(a);
    expect(a.snapshot.host.id).toMatch(/^[0-9a-f]{16}$/);
    expect(a.durationMs).toBeGreaterThan(0);
    // A live tick's collection is the API's next snapshot, and its whole JSON is reused.
    const tick = await live.tick(true);
    expect(taker.takes).toBe(2);
    const c = await live.recent(60_000);
    expect(taker.takes).toBe(2);
    expect(c.snapshot.takenAt).toBe(tick.takenAt);
    expect(apiDocument(c, 'snapshot')).toBe(tick.full);
    // An API collection under way serves the live tick too.
    await new Promise((r) => setTimeout(r, 20));
    const [d, tick2] = await Promise.all([live.recent(10), live.tick(false)]);
    expect(taker.takes).toBe(3);
    expect(tick2.takenAt).toBe(d.snapshot.takenAt);
    expect(tick2.baseTakenAt).toBe(tick.takenAt);
  });

  it('makes each document once per snapshot', async () => {
    const live = new LiveDeltas(new SnapshotTaker('procfs'));
    const taken = await live.recent(60_000);
    const text = apiDocument(taken, 'prometheus');
    expect(apiDocument(taken, 'prometheus')).toBe(text);
    expect(text).toMatch(/^sockeye_listener_info\{/m);
    expect(apiDocument(taken, 'openmetrics')).toMatch(/# EOF\n$/);
  });
});
