/**
 * Opening a file in the browser: the size is checked before anything is read, a bad file leaves
 * what the window shows untouched, and a snapshot served by `sockeye serve --snapshot` cannot be
 * closed (there is no live view behind it).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { snapshotToJson } from '../../../../src/common/export/json';
import type { SockeyeApi } from '../../../../src/common/contract/api';
import { openedStore } from '../../../../src/renderer/src/savedSnapshot/openedStore';
import { readSnapshotBlob } from '../../../../src/renderer/src/savedSnapshot/readSnapshotFile';
import { sampleSnapshot } from '../../../support/sampleSnapshot';

const file = (text: string, name: string) => new File([text], name, { type: 'application/json' });

beforeEach(() => {
  openedStore.close();
  openedStore.dismissError();
  if (openedStore.get().opened) throw new Error('store not reset');
});

describe('readSnapshotBlob', () => {
  it('refuses a huge file without reading a byte of it', async () => {
    let read = false;
    const huge = { size: 5 * 1024 ** 3, text: async () => ((read = true), '') } as unknown as Blob;
    await expect(readSnapshotBlob(huge)).resolves.toEqual({
      ok: false,
      error: 'the file is too large (5120 MB; Sockeye opens snapshots up to 200 MB)',
      warnings: [],
    });
    expect(read).toBe(false);
  });

  it('reads and validates a real file', async () => {
    await expect(readSnapshotBlob(file(snapshotToJson(sampleSnapshot()), 's.json'))).resolves.toEqual({
      ok: true,
      snapshot: sampleSnapshot(),
      warnings: [],
    });
  });

  it('opens a file with bytes that are not UTF-8, shown as U+FFFD, and says so', async () => {
    const snap = sampleSnapshot();
    const text = snapshotToJson({ ...snap, host: { ...snap.host, hostname: 'hostXX' } });
    const bytes = new TextEncoder().encode(text);
    const at = text.indexOf('hostXX') + 4;
    bytes[at] = 0xff;
    bytes[at + 1] = 0xc3;
    const r = await readSnapshotBlob(new File([bytes], 'latin.json'));
    expect(r.ok && r.snapshot.host.hostname).toBe('host\ufffd\ufffd');
    expect(r.warnings).toEqual(['latin.json: the file is not valid UTF-8 (2 invalid sequences, shown as \ufffd)']);
  });
});

describe('openedStore', () => {
  it('opens a good file and keeps it when a bad one follows', async () => {
    await openedStore.openFile(file(snapshotToJson(sampleSnapshot()), 'good.json'));
    expect(openedStore.get()).toMatchObject({ opened: { name: 'good.json', fixed: false }, error: null, busy: false });
    await openedStore.openFile(file('{"schema":"sockeye.snapshot/1"', 'bad.json'));
    expect(openedStore.get().opened?.name).toBe('good.json');
    expect(openedStore.get().error).toBe(
      'Could not open bad.json: the file is truncated at byte 30: it ends before the JSON document does',
    );
    openedStore.close();
    expect(openedStore.get().opened).toBeNull();
  });

  it('opens through the desktop dialog, and says why when main refuses', async () => {
    const api = {
      openSnapshot: async () => ({ canceled: false, name: 'x.json', snapshot: sampleSnapshot() }),
    } as unknown as SockeyeApi;
    await openedStore.openWithDialog(api);
    expect(openedStore.get().opened).toMatchObject({ name: 'x.json', warnings: [] });
    const warning = 'x.json: the file is not valid UTF-8 (1 invalid sequence, shown as \ufffd)';
    const warned = {
      openSnapshot: async () => ({ canceled: false, name: 'x.json', snapshot: sampleSnapshot(), warnings: [warning] }),
    } as unknown as SockeyeApi;
    await openedStore.openWithDialog(warned);
    expect(openedStore.get().opened?.warnings).toEqual([warning]);
    const refusing = {
      openSnapshot: async () => {
        throw new Error(
          'y.json: wrong schema version: "sockeye.snapshot/2" (this Sockeye opens sockeye.snapshot/1) (INVALID_SNAPSHOT)',
        );
      },
    } as unknown as SockeyeApi;
    await openedStore.openWithDialog(refusing);
    expect(openedStore.get().opened?.name).toBe('x.json');
    expect(openedStore.get().error).toBe(
      'Could not open the snapshot: y.json: wrong schema version: "sockeye.snapshot/2" (this Sockeye opens sockeye.snapshot/1)',
    );
  });

  it('keeps a snapshot the server itself serves', () => {
    openedStore.show(sampleSnapshot(), 'served.json', true);
    openedStore.close();
    expect(openedStore.get().opened?.name).toBe('served.json');
    openedStore.show(sampleSnapshot(), 'other.json'); // reset for the next test
  });
});
