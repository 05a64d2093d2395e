/**
 * An interrupted export never costs the user the file they already had: a disk that fills up
 * part-way through, or a rename that is refused, leaves the old file whole and no temporary behind.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, type AtomicFs } from '../../../../src/node/files/atomicWrite';

const dir = mkdtempSync(join(tmpdir(), 'sockeye-atomic-'));

describe('writeFileAtomic', () => {
  it('replaces the file whole', async () => {
    const file = join(dir, 'a.json');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new content');
    expect(readFileSync(file, 'utf8')).toBe('new content');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the old file when the disk fills up mid-write', async () => {
    const file = join(dir, 'b.json');
    writeFileSync(file, 'the old export');
    let tempPath = '';
    const fullDisk: AtomicFs = {
      rename: fsp.rename,
      rm: fsp.rm,
      open: (async (path: string, flags: string, mode: number) => {
        tempPath = path;
        const handle = await fsp.open(path, flags, mode);
        return Object.assign(Object.create(handle) as typeof handle, {
          writeFile: async (data: string) => {
            await handle.writeFile(data.slice(0, 10)); // some bytes reach the disk…
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        });
      }) as AtomicFs['open'],
    };
    await expect(writeFileAtomic(file, 'x'.repeat(100_000), fullDisk)).rejects.toThrow(
      /^could not write .*b\.json: ENOSPC: no space left on device, write \(any previous file there is intact\)$/,
    );
    expect(readFileSync(file, 'utf8')).toBe('the old export');
    expect(tempPath).toMatch(/\.b\.json\.\d+\.[0-9a-f]+\.tmp$/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps the old file when the rename is refused', async () => {
    const file = join(dir, 'c.json');
    writeFileSync(file, 'still here');
    const refusing: AtomicFs = {
      open: fsp.open,
      rm: fsp.rm,
      rename: async () => {
        throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' });
      },
    };
    await expect(writeFileAtomic(file, 'replacement', refusing)).rejects.toThrow(/any previous file there is intact/);
    expect(readFileSync(file, 'utf8')).toBe('still here');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
