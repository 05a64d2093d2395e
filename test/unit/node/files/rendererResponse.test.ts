/** The desktop protocol's answers, read from a real folder laid out like out/renderer. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererResponse, RENDERER_URL } from '../../../../src/node/files/rendererResponse';
import { DESKTOP_CSP } from '../../../../src/common/contract/contentSecurityPolicy';

const root = mkdtempSync(join(tmpdir(), 'sockeye-protocol-'));
const dir = join(root, 'renderer');
mkdirSync(join(dir, 'assets'), { recursive: true });
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Sockeye</title>');
writeFileSync(join(dir, 'assets', 'index.js'), 'export {};');
writeFileSync(join(root, 'secret.txt'), 'outside');

describe('the sockeye:// protocol', () => {
  it('serves the renderer with the strict CSP as a header', async () => {
    const res = await rendererResponse(dir, 'GET', RENDERER_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(DESKTOP_CSP);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    await expect(res.text()).resolves.toContain('<title>Sockeye</title>');
    const js = await rendererResponse(dir, 'GET', 'sockeye://app/assets/index.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('never leaves the folder, never answers another host, and serves nothing but GET and HEAD', async () => {
    for (const url of [
      'sockeye://app/../secret.txt',
      'sockeye://app/%2e%2e/secret.txt',
      'sockeye://app/..%2fsecret.txt',
      'sockeye://app/assets/%00.js',
      'sockeye://app/missing.js',
      'sockeye://other/index.html',
      'https://app/index.html',
    ])
      expect((await rendererResponse(dir, 'GET', url)).status, url).toBe(404);
    expect((await rendererResponse(dir, 'POST', RENDERER_URL)).status).toBe(405);
    expect((await rendererResponse(dir, 'GET', '::')).status).toBe(400);
    const head = await rendererResponse(dir, 'HEAD', RENDERER_URL);
    expect(head.status).toBe(200);
    await expect(head.text()).resolves.toBe('');
  });
});
