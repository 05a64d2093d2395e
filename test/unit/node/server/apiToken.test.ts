import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bearerMatches, loadApiToken } from '../../../../src/node/server/apiToken';
import { computeHostId } from '../../../../src/node/snapshot/hostId';

const dir = mkdtempSync(join(tmpdir(), 'sockeye-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the API token', () => {
  it('matches only `Bearer <token>` (scheme in any case), never throws', () => {
    const t = 'abcdefghijklmnopqrstuvwxyz012345';
    expect(bearerMatches(`Bearer ${t}`, t)).toBe(true);
    expect(bearerMatches(`bearer ${t}`, t)).toBe(true);
    for (const h of [undefined, '', 'Bearer', `Bearer ${t}x`, `Basic ${t}`, t, `Bearer ${t} x`, ['Bearer ' + t], 42]) {
      expect(bearerMatches(h, t)).toBe(false);
    }
  });

  it('creates two serves’ file once: both get the same token, no temporary left', async () => {
    const file = join(dir, 'shared');
    const [a, b] = await Promise.all([loadApiToken(file), loadApiToken(file)]);
    expect(a.token).toBe(b.token);
    expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['shared']);
  });

  it('allows a group-readable file (a scraper’s group), refuses a group-writable one', async () => {
    const f = join(dir, 'group');
    writeFileSync(f, 'a-token-of-enough-length\n', { mode: 0o640 });
    expect((await loadApiToken(f)).token).toBe('a-token-of-enough-length');
    const w = join(dir, 'gw');
    writeFileSync(w, 'a-token-of-enough-length\n');
    chmodSync(w, 0o660);
    await expect(loadApiToken(w)).rejects.toThrow(/open to others \(mode 0660\)/);
  });
});

describe('the host id', () => {
  it('is 16 hex characters from the machine id, else from the host name, and stable', () => {
    const m = join(dir, 'machine-id');
    writeFileSync(m, '3d1219c7c4c5404aaa1f6d2a48adfda4\n');
    const id = computeHostId([m], 'a');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(computeHostId([m], 'b')).toBe(id); // the name does not matter when there is a machine id
    expect(id).not.toContain('3d1219c7');
    const none = [join(dir, 'absent')];
    expect(computeHostId(none, 'box')).toBe(computeHostId(none, 'box'));
    expect(computeHostId(none, 'box')).not.toBe(computeHostId(none, 'other'));
  });
});
