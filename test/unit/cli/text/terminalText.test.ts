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

describe('terminalField (issue 18)', () => {
  it('escapes newlines, tabs, C1 and bidi overrides inside one value', async () => {
    const { terminalField } = await import('../../../../src/cli/text/terminalText');
    expect(terminalField('x\nFAKE 0.0.0.0 [1] both')).toBe('x\\x0aFAKE 0.0.0.0 [1] both');
    expect(terminalField('\u202eexe.gnp\t\u2066\u2069\u200f\x85')).toBe(
      '\\u202eexe.gnp\\x09\\u2066\\u2069\\u200f\\x85',
    );
    expect(terminalField('plain · 名前 🐟')).toBe('plain · 名前 🐟');
  });

  it('terminalSafe escapes bidi overrides in a whole output too', async () => {
    expect(terminalSafe('a\u202eb\n')).toBe('a\\u202eb\n');
  });
});
