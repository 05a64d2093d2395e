import { describe, expect, it } from 'vitest';
import { dnsServersFromArgv } from '../../../../src/node/dns/dnsServersFromArgv';

describe('dnsServersFromArgv', () => {
  it('takes both spellings and skips bad ones with a warning', () => {
    const warnings: string[] = [];
    const got = dnsServersFromArgv(
      ['electron', '.', '--dns-server', '10.0.0.53', '--dns-server=[::1]:5353', '--dns-server', 'bogus'],
      (m) => warnings.push(m),
    );
    expect(got).toEqual(['10.0.0.53:53', '[::1]:5353']);
    expect(warnings).toHaveLength(1);
  });
});
