import { describe, expect, it } from 'vitest';
import { snapshotToJson } from '../../../../src/common/export/json';
import {
  checkSnapshotSize,
  MAX_SNAPSHOT_BYTES,
  parseSnapshotText,
  utf8Length,
} from '../../../../src/common/snapshot/openSnapshot';
import { sampleSnapshot } from '../../../support/sampleSnapshot';

const good = snapshotToJson(sampleSnapshot());
const error = (text: string, opts?: Parameters<typeof parseSnapshotText>[1]) => {
  const r = parseSnapshotText(text, opts);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
};

describe('parseSnapshotText', () => {
  it('opens a valid document (with a byte-order mark too)', () => {
    expect(parseSnapshotText(good)).toEqual({ ok: true, snapshot: sampleSnapshot() });
    expect(parseSnapshotText('\ufeff' + good).ok).toBe(true);
  });

  it('says when the file is not JSON at all', () => {
    // What kind of file, never its content (a symlink to /etc/shadow must not echo a line).
    expect(error('PK\u0003\u0004 zip bytes')).toBe(
      'the file is not JSON (it holds binary data); a Sockeye snapshot is a JSON document',
    );
    expect(error('<!doctype html>')).toMatch(/^the file is not JSON \(it holds markup \(HTML or XML\)\)/);
    expect(error('')).toBe('the file is empty');
    expect(error('   \n')).toBe('the file is empty');
  });

  it.each([10, 100, 1000, good.length - 5, good.length - 2])(
    'says where a file cut at character %i is truncated',
    (n) => {
      const cut = good.slice(0, n);
      expect(error(cut)).toBe(
        `the file is truncated at byte ${utf8Length(cut)}: it ends before the JSON document does`,
      );
    },
  );

  it('says where broken JSON breaks', () => {
    expect(error('{"schema": "sockeye.snapshot/1",, }')).toMatch(/^the file is not valid JSON at (line|character)/);
  });

  it('names another schema or version', () => {
    const doc = JSON.parse(good) as Record<string, unknown>;
    expect(error(JSON.stringify({ ...doc, schema: 'sockeye.snapshot/2' }))).toBe(
      'wrong schema version: "sockeye.snapshot/2" (this Sockeye opens sockeye.snapshot/1)',
    );
    expect(error(JSON.stringify({ ...doc, schema: 'har/1.2' }))).toMatch(
      /^not a Sockeye snapshot: its schema is "har\/1.2"/,
    );
    expect(error(JSON.stringify({ log: {} }))).toBe('not a Sockeye snapshot: the document has no "schema" field');
    expect(error('[1,2]')).toBe('not a Sockeye snapshot: the JSON is an array, not an object');
    expect(error('42')).toBe('not a Sockeye snapshot: the JSON is a number, not an object');
  });

  it('names the first invalid field and counts the rest', () => {
    const doc = JSON.parse(good) as { processes: { pid: unknown }[]; sockets: { localPort: unknown }[] };
    doc.processes[1]!.pid = 'twenty';
    expect(error(JSON.stringify(doc))).toMatch(/^invalid snapshot: field processes\[1\]\.pid: .*number/);
    doc.sockets[0]!.localPort = 70000;
    expect(error(JSON.stringify(doc))).toMatch(/\(and 1 more problem\)$/);
  });

  it('refuses a file over the size cap before parsing it', () => {
    expect(error(good, { maxBytes: 100 })).toMatch(
      /^the file is too large \([\d,]+ bytes; Sockeye opens snapshots up to 100 bytes\)$/,
    );
    expect(error('x', { byteLength: 300 * 1024 * 1024 })).toBe(
      'the file is too large (300 MB; Sockeye opens snapshots up to 200 MB)',
    );
    expect(checkSnapshotSize(MAX_SNAPSHOT_BYTES)).toBeNull();
    expect(checkSnapshotSize(MAX_SNAPSHOT_BYTES + 1)).not.toBeNull();
  });

  it('survives hostile documents without throwing', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(parseSnapshotText(deep).ok).toBe(false);
    const proto = good.replace('"schema"', '"__proto__":{"polluted":true},"schema"');
    const r = parseSnapshotText(proto);
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parseSnapshotText('{"schema":"sockeye.snapshot/1","takenAt":"yesterday"}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/field takenAt/),
    });
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
  });
});

describe('size messages (issue 18)', () => {
  it('says the bytes when both sizes round to the same megabytes', async () => {
    const { checkSnapshotSize, MAX_SNAPSHOT_BYTES } = await import('../../../../src/common/snapshot/openSnapshot');
    expect(checkSnapshotSize(MAX_SNAPSHOT_BYTES + 1)).toBe(
      'the file is too large (209,715,201 bytes; Sockeye opens snapshots up to 209,715,200 bytes)',
    );
    expect(checkSnapshotSize(300 * 1024 * 1024)).toBe(
      'the file is too large (300 MB; Sockeye opens snapshots up to 200 MB)',
    );
  });
});
