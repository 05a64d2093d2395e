// Files written before namespaces were read (no `namespaces`, no `netns`) still open, diff and
// export; and a current snapshot's namespace fields survive the round trip. The fixture is a real
// `SOCKEYE_NETNS=off sockeye snapshot --json --mask --filter is:listening`: exactly the old shape.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSnapshotText } from '../../../../src/common/snapshot/openSnapshot';
import { diffSnapshots } from '../../../../src/common/snapshot/snapshotDiff';
import { applyDelta, computeDelta } from '../../../../src/common/snapshot/snapshotDelta';
import { exportSnapshot } from '../../../../src/common/export/exportSnapshot';
import { snapshotJsonPieces } from '../../../../src/common/export/json';
import type { Snapshot } from '../../../../src/common/model/model';

const text = readFileSync(join(__dirname, '../../../fixtures/snapshots/before-namespaces.json'), 'utf8');

function opened(t: string): Snapshot {
  const r = parseSnapshotText(t);
  if (!r.ok) throw new Error(r.error);
  return r.snapshot;
}

const HOST = 4026531840;
/** The same moment as read now: every socket and process in the host's namespace, plus a foreign one. */
function withNamespaces(old: Snapshot): Snapshot {
  return {
    ...old,
    sockets: old.sockets.map((s) => ({ ...s, netns: HOST })),
    processes: old.processes.map((p) => ({ ...p, netns: HOST })),
    namespaces: [
      {
        inode: HOST,
        host: true,
        name: null,
        container: null,
        pid: null,
        processes: old.processes.length,
        interfaces: null,
      },
      {
        inode: 4026532177,
        host: false,
        name: 'blue',
        container: { id: 'build-box', runtime: 'nspawn', name: 'build-box' },
        pid: 4242,
        processes: 1,
        interfaces: [
          { name: 'lo', addresses: [{ address: '127.0.0.1', family: 'IPv4', cidr: '127.0.0.1/8', scope: 'loopback' }] },
        ],
      },
    ],
  };
}

describe('snapshots from before network namespaces', () => {
  it('opens the old file, with no namespace fields', () => {
    const old = opened(text);
    expect(old.sockets.length).toBeGreaterThan(0);
    expect(old.namespaces).toBeUndefined();
    expect(old.sockets.every((s) => s.netns === undefined)).toBe(true);
  });

  it('diffs the old file against the same sockets read with namespaces as no change', () => {
    const old = opened(text);
    const now = withNamespaces(old);
    const d = diffSnapshots(old, now);
    expect(d.added.sockets).toEqual([]);
    expect(d.removed.sockets).toEqual([]);
  });

  it('exports the old file as JSON, CSV and HTML, and JSON opens again equal', () => {
    const old = opened(text);
    expect(opened(exportSnapshot(old, { format: 'json' }))).toEqual(old);
    expect(exportSnapshot(old, { format: 'csv' }).split('\n').length).toBeGreaterThan(old.sockets.length);
    expect(exportSnapshot(old, { format: 'html' })).toContain('<html');
  });

  it('keeps namespaces through JSON (whole and in pieces), masking and a live delta', () => {
    const now = withNamespaces(opened(text));
    expect(opened(exportSnapshot(now, { format: 'json' }))).toEqual(now);
    expect(opened([...snapshotJsonPieces(now)].join(''))).toEqual(now);
    expect(opened(exportSnapshot(now, { format: 'json', mask: true })).namespaces?.[1]?.name).toBe('blue');
    const old = opened(text);
    expect(applyDelta(old, computeDelta(old, now)).namespaces).toEqual(now.namespaces);
  });
});
