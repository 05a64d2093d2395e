/**
 * Serves the built renderer (out/renderer) over HTTP; which file a path names (and that it stays
 * inside the folder) is decided in core/staticPaths.ts, shared with the desktop app's protocol.
 */
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { contentType } from '../files/staticPaths';

export { resolveStatic } from '../files/staticPaths';

export function sendFile(res: ServerResponse, file: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, {
    'Content-Type': contentType(file),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    ...headers,
  });
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
