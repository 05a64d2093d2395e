/**
 * What the desktop app's `sockeye://app/…` protocol answers (see src/electron-main/rendererProtocol.ts):
 * our own built renderer files and nothing else, each with the strict CSP and no sniffing. The
 * header is what makes the CSP hold in full (a <meta> CSP cannot say frame-ancestors, and
 * Electron's webRequest never sees file:// loads). Node only, so it is tested without Electron.
 */
import { readFile } from 'node:fs/promises';
import { DESKTOP_CSP } from '../../common/contract/contentSecurityPolicy';
import { contentType, resolveStatic } from './staticPaths';

export const RENDERER_SCHEME = 'sockeye';
export const RENDERER_HOST = 'app';
/** The window's address in a built app. */
export const RENDERER_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

const plain = (status: number, text: string): Response =>
  new Response(text + '\n', {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });

/** The response for one request to the renderer protocol, files read from `rendererDir`. */
export async function rendererResponse(rendererDir: string, method: string, url: string): Promise<Response> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return plain(400, 'Bad request');
  }
  if (u.protocol !== `${RENDERER_SCHEME}:` || u.host !== RENDERER_HOST) return plain(404, 'Not found');
  if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveStatic(rendererDir, u.pathname);
  if (!file) return plain(404, 'Not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'Not found');
  }
  return new Response(method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': contentType(file),
      'Content-Security-Policy': DESKTOP_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}
