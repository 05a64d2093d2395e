import { describe, expect, it } from 'vitest';
import { isDocsUrl } from '../../../src/electron-main/externalLinks';

describe('which links the desktop app hands to the browser', () => {
  it('allows pages of the project documentation', () => {
    for (const url of ['https://sockeye.dev/docs', 'https://sockeye.dev/docs/', 'https://sockeye.dev/docs/filter#port'])
      expect(isDocsUrl(url), url).toBe(true);
  });

  it('refuses every other site, scheme, port, credential or path', () => {
    for (const url of [
      'https://example.org/docs/',
      'http://sockeye.dev/docs/',
      'https://sockeye.dev/',
      'https://sockeye.dev/docsx',
      'https://sockeye.dev/docs/../admin',
      'https://sockeye.dev:8443/docs/',
      'https://user:pw@sockeye.dev/docs/',
      'https://sockeye.dev.evil.example/docs/',
      'https://evil.example/?https://sockeye.dev/docs/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:privacy',
      'not a url',
      '',
    ])
      expect(isDocsUrl(url), url).toBe(false);
  });
});
