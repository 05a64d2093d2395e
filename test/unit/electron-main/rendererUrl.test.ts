import { describe, expect, it } from 'vitest';
import { rendererUrlFor } from '../../../src/electron-main/rendererUrl';

describe('which page the window loads (and IPC trusts)', () => {
  it('is our own protocol in a packaged app, whatever ELECTRON_RENDERER_URL says', () => {
    expect(rendererUrlFor(true, 'http://evil.example/')).toBe('sockeye://app/index.html');
    expect(rendererUrlFor(true, undefined)).toBe('sockeye://app/index.html');
  });

  it('is the dev server in development when one is set', () => {
    expect(rendererUrlFor(false, 'http://localhost:5173/')).toBe('http://localhost:5173/');
    expect(rendererUrlFor(false, undefined)).toBe('sockeye://app/index.html');
    expect(rendererUrlFor(false, '')).toBe('sockeye://app/index.html');
  });
});
