/**
 * Where the built renderer's files are, for both servers of it: `sockeye serve` over HTTP and the
 * desktop app's `sockeye://` protocol. Paths are resolved and must stay inside the root; anything
 * else is "not found", so `/../../etc/passwd` and friends never leave the folder.
 */
import { statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

/** The Content-Type for a file we serve (unknown kinds are opaque bytes, never sniffed). */
export const contentType = (file: string): string => TYPES[extname(file)] ?? 'application/octet-stream';

/** The file under `root` for a URL path, or null if it escapes the root or does not exist. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const absRoot = resolve(root);
  const file = resolve(join(absRoot, rel));
  if (file !== absRoot && !file.startsWith(absRoot + sep)) return null;
  try {
    return statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
