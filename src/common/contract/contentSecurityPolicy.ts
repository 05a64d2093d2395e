/**
 * The one Content-Security-Policy of the renderer, for both ways it is served: by the desktop
 * app's own `sockeye://` protocol (src/electron-main/rendererProtocol.ts) and by `sockeye serve` over HTTP
 * (src/node/server/sockeyeServer.ts). They differ in one thing only: the browser transport talks
 * to the page's own server over a WebSocket, so serve names that one `ws://` origin; the desktop
 * app talks over IPC and allows no network connection beyond its own files.
 */

export interface CspOptions {
  /** The one WebSocket origin the page may open (serve: `ws://<Host header>`), or none (desktop). */
  webSocketOrigin?: string;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The map's layout engine (elkjs) runs in a worker loaded from our own files; never blob: or data:.
    "worker-src 'self'",
    options.webSocketOrigin ? `connect-src 'self' ${options.webSocketOrigin}` : "connect-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    // Only a header can say this (a <meta> CSP ignores frame-ancestors): nobody may frame the UI.
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The desktop window's policy: our own files only, no network at all. */
export const DESKTOP_CSP = contentSecurityPolicy();

/** `sockeye serve`'s policy for a page reached under `hostHeader` (already checked against the allowed hosts). */
export const serveCsp = (hostHeader: string): string =>
  contentSecurityPolicy({ webSocketOrigin: `ws://${hostHeader}` });
