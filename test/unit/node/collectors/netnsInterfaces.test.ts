// A namespace's interfaces from its /proc/<pid>/net files, recorded from a real namespace made
// with `ip netns add` (veth 198.18.9.2/30 and fd00:5e::2/64 inside, loopback up).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  parseFibTrieLocal,
  parseRoutes,
  readNamespaceInterfaces,
} from '../../../../src/node/collectors/procfs/netnsInterfaces';
import { readFileSync } from 'node:fs';

const fixtures = join(__dirname, '../../../fixtures/netns');
const root = mkdtempSync(join(tmpdir(), 'sockeye-netns-'));
mkdirSync(join(root, '4242'));
cpSync(fixtures, join(root, '4242', 'net'), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('namespace interfaces from /proc/<pid>/net', () => {
  it('reads the local IPv4 addresses from fib_trie (not the network, broadcast or 127.0.0.0/8 entries)', () => {
    expect(parseFibTrieLocal(readFileSync(join(fixtures, 'fib_trie'), 'latin1')).sort()).toEqual([
      '127.0.0.1',
      '198.18.9.2',
    ]);
  });

  it('decodes route destinations and masks (little-endian hex)', () => {
    expect(parseRoutes(readFileSync(join(fixtures, 'route'), 'latin1'))).toEqual([
      { iface: 'skrn', dest: 0xc6120900, mask: 0xfffffffc },
    ]);
  });

  it('puts every address on its interface with its prefix', () => {
    const ifs = readNamespaceInterfaces(4242, root)!;
    const byName = Object.fromEntries(ifs.map((i) => [i.name, i.addresses.map((a) => `${a.cidr} ${a.scope}`).sort()]));
    expect(byName).toEqual({
      lo: ['127.0.0.1/8 loopback', '::1/128 loopback'],
      skrn: ['198.18.9.2/30 reserved', 'fd00:5e::2/64 unique-local', 'fe80::e009:2eff:feab:a92f/64 link-local'],
    });
  });

  it('is null when the process is gone', () => {
    expect(readNamespaceInterfaces(999999, root)).toBeNull();
  });
});
