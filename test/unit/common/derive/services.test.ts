import { describe, expect, it } from 'vitest';
import { parseEtcServices, serviceName } from '../../../../src/common/derive/services';
import { BUNDLED_SERVICES } from '../../../../src/common/derive/ianaServices';
import { loadServiceTable } from '../../../../src/node/collectors/serviceTable';

describe('parseEtcServices', () => {
  it('reads names, ports and protocols, keeping the first name for a port', () => {
    const t = parseEtcServices('# comment\nssh\t\t22/tcp\t\t# SSH\nhttp 80/tcp www\nwww-alias 80/tcp\ndomain 53/udp\n');
    expect(serviceName(t, 'tcp', 22)).toBe('ssh');
    expect(serviceName(t, 'tcp', 80)).toBe('http');
    expect(serviceName(t, 'udp', 53)).toBe('domain');
    expect(serviceName(t, 'udp', 22)).toBeNull();
  });
  it('skips malformed lines', () => {
    const t = parseEtcServices('bad\nnoport /tcp\nhuge 99999/tcp\nweird 22/sctp\nok 7/udp\n\t\n');
    expect([...t.entries()]).toEqual([['udp/7', 'ok']]);
  });
});

describe('service tables', () => {
  it('bundles the IANA names for the common ports', () => {
    const t = parseEtcServices(BUNDLED_SERVICES);
    expect(serviceName(t, 'tcp', 443)).toBe('https');
    expect(serviceName(t, 'tcp', 5432)).toBe('postgresql');
    expect(serviceName(t, 'udp', 53)).toBe('domain');
  });
  it('falls back to the bundled table without /etc/services', () => {
    // loadServiceTable caches its first answer; the bundled table is always merged under it.
    const t = loadServiceTable('/nonexistent/services');
    expect(serviceName(t, 'tcp', 22)).toBe('ssh');
  });
});
