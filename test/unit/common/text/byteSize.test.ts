import { describe, expect, it } from 'vitest';
import { formatByteSize, parseByteSize } from '../../../../src/common/text/byteSize';

describe('byte sizes', () => {
  it('parses binary units and rejects nonsense', () => {
    expect(parseByteSize('500MB')).toBe(500 * 1024 * 1024);
    expect(parseByteSize('200 kb')).toBe(200 * 1024);
    expect(parseByteSize('1.5G')).toBe(1.5 * 1024 ** 3);
    expect(parseByteSize('4096')).toBe(4096);
    expect(parseByteSize('0')).toBeNull();
    expect(parseByteSize('lots')).toBeNull();
  });
  it('formats', () => {
    expect(formatByteSize(500 * 1024 * 1024)).toBe('500.0 MB');
    expect(formatByteSize(12)).toBe('12 B');
  });
});
