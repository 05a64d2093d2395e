import { describe, expect, it } from 'vitest';
import { parseHosts } from '../../../../src/node/dns/hostsFile';

describe('parseHosts', () => {
  it('maps addresses to names and back, skipping comments and junk', () => {
    const t = parseHosts(
      '# comment\n127.0.0.1 localhost runsc\n::1 localhost ip6-localhost # trailing\nnot-an-ip foo\n\n10.0.0.7\tdb.internal\n',
    );
    expect(t.byAddress.get('127.0.0.1')).toEqual(['localhost', 'runsc']);
    expect(t.byAddress.get('::1')).toEqual(['localhost', 'ip6-localhost']);
    expect(t.byName.get('localhost')).toEqual(['127.0.0.1', '::1']);
    expect(t.byName.get('db.internal')).toEqual(['10.0.0.7']);
    expect(t.byName.has('foo')).toBe(false);
  });
});
