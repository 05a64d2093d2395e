import { describe, expect, it } from 'vitest';
import { endpointText, hostText } from '../../../../src/common/text/endpointText';

describe('endpointText', () => {
  it('brackets IPv6 so its colons do not run into the port', () => {
    expect(endpointText('127.0.0.1', 80)).toBe('127.0.0.1:80');
    expect(endpointText('::1', 80)).toBe('[::1]:80');
    expect(endpointText('[::1]', 80)).toBe('[::1]:80');
    expect(hostText('fe80::1%eth0')).toBe('[fe80::1%eth0]');
  });

  it('writes a port nobody fixed as * unless told to leave it out', () => {
    expect(endpointText('0.0.0.0', null)).toBe('0.0.0.0:*');
    expect(endpointText('0.0.0.0', null, { noPort: 'omit' })).toBe('0.0.0.0');
    expect(endpointText('::', 53, { noPort: 'omit' })).toBe('[::]:53');
  });

  it('says what the caller asks for where there is no address, and nothing by default', () => {
    expect(endpointText(null, null)).toBe('');
    expect(endpointText(null, 80, { missing: '—' })).toBe('—');
    expect(endpointText(null, null, { missing: '*:*' })).toBe('*:*');
  });
});
