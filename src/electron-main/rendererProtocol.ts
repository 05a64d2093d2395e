/**
 * The renderer is served from our own privileged scheme, `sockeye://app/`, never from file://:
 * the page gets a real origin (so "self" means our files only), the strict CSP arrives as a
 * header, and nothing on disk outside the built renderer can be reached from the page.
 * Privileges: standard (relative URLs and an origin), secure (a secure context), fetch; not
 * corsEnabled, which would let other origins read our files.
 */
import { protocol } from 'electron';
import { rendererResponse, RENDERER_SCHEME } from '../node/files/rendererResponse';

/** Must run before the app is ready (Electron reads scheme privileges at start-up). */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serve `rendererDir` (out/renderer) on the scheme; once the app is ready. */
export function handleRendererProtocol(rendererDir: string): void {
  protocol.handle(RENDERER_SCHEME, (request) => rendererResponse(rendererDir, request.method, request.url));
}
