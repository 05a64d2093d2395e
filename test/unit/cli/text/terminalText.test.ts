import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../../../src/cli/text/terminalText';
import { readSnapshotFile } from '../../../../src/node/files/readSnapshotFile';

describe('terminalSafe', () => {
  it('shows escape sequences from hostile names as text, keeps newlines and tabs', () => {
    const hostile = 'evil\x1b]52;c;cm0gLXJmIH4=\x07name\x9b2J';
    expect(terminalSafe(`${hostile}\tpid 1\n`)).toBe('evil\\x1b]52;c;cm0gLXJmIH4=\\x07name\\x9b2J\tpid 1\n');
  });
});

describe('readSnapshotFile on what is not a file', () => {
  it('refuses a device before reading it (its size cannot be checked first)', async () => {
    const r = await readSnapshotFile('/dev/zero');
    expect(r).toMatchObject({ ok: false });
    expect(!r.ok && r.error).toContain('not a regular file');
  });
});
