/**
 * The read-only API of `sockeye serve`, for scripts, scrapers and `sockeye fleet`:
 * GET /v1/snapshot (the host's snapshot JSON) and GET /metrics (Prometheus / OpenMetrics text),
 * both behind the API token as `Authorization: Bearer …` — never a cookie, never the URL.
 * The documents are made in the snapshot worker (see snapshotService.takeApi), so a scrape costs
 * this thread only the writing; what one connection holds is one document, written piece by piece
 * as the peer reads, and bounded in time and in number of responses at once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { METRICS_CONTENT_TYPE, metricsFormatFor } from '../../common/metrics/metricsText';
import type { PiecedText } from '../../common/wire/pieces';
import type { ApiDocument } from '../snapshot/apiDocuments';
import { bearerMatches } from './apiToken';
import { refuse } from './httpReplies';
import { originAllowed } from './requestGuards';

export interface ReadOnlyApi {
  token: string;
  /** The document's text (made where the snapshot is). */
  document(what: ApiDocument): Promise<PiecedText>;
}

/** Responses written at once; beyond, 503 (each holds a document until its peer has read it). */
export const MAX_API_RESPONSES = 16;
/** A peer that has not read a whole document in this long is cut off. */
export const API_SEND_TIMEOUT_MS = 60_000;

export const API_PATHS = new Set(['/v1/snapshot', '/metrics']);

const encoder = new TextEncoder();

/** The body as byte pieces, and its length for Content-Length. */
function bodyPieces(text: PiecedText): { pieces: Uint8Array[]; length: number } {
  const pieces = (typeof text === 'string' ? [text] : text.pieces).map((p) =>
    typeof p === 'string' ? encoder.encode(p) : p,
  );
  return { pieces, length: pieces.reduce((n, p) => n + p.byteLength, 0) };
}

/** Writes the pieces as the peer reads them; false if it went away or took too long. */
async function writePieces(res: ServerResponse, pieces: Uint8Array[]): Promise<boolean> {
  const timer = setTimeout(() => res.destroy(), API_SEND_TIMEOUT_MS);
  try {
    for (const piece of pieces) {
      if (res.destroyed) return false;
      if (!res.write(piece)) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    if (res.destroyed) return false;
    res.end();
    return true;
  } finally {
    clearTimeout(timer);
  }
}

function unauthorized(res: ServerResponse, presented: boolean): void {
  res.writeHead(401, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    // RFC 6750: say which scheme; name the error only when a credential was sent.
    'WWW-Authenticate': presented ? 'Bearer realm="sockeye", error="invalid_token"' : 'Bearer realm="sockeye"',
  });
  res.end(
    presented
      ? "Unauthorized: not this server's API token\n"
      : 'Unauthorized: send the API token as Authorization: Bearer <token> (sockeye serve prints it, or --token-file)\n',
  );
}

/** Answers GET/HEAD /v1/snapshot and /metrics. Never throws for anything the peer sent. */
export function apiHandler(api: ReadOnlyApi, log: (line: string) => void) {
  let active = 0;
  return async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'Method not allowed');
    }
    // A page elsewhere cannot send the header without CORS anyway; say no before any work.
    if (!originAllowed(req)) return refuse(res, 403, 'Forbidden: foreign Origin');
    if (!bearerMatches(req.headers.authorization, api.token))
      return unauthorized(res, req.headers.authorization !== undefined);
    if (active >= MAX_API_RESPONSES) {
      res.setHeader('Retry-After', '1');
      return refuse(res, 503, `Busy: ${MAX_API_RESPONSES} API responses under way`);
    }
    active++;
    try {
      const format = metricsFormatFor(req.headers.accept);
      const what: ApiDocument = pathname === '/metrics' ? format : 'snapshot';
      let text: PiecedText;
      try {
        text = await api.document(what);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log(`${pathname}: no snapshot: ${message}`);
        return refuse(res, 503, `No snapshot: ${message}`);
      }
      const { pieces, length } = bodyPieces(text);
      res.writeHead(200, {
        'Content-Type': what === 'snapshot' ? 'application/json' : METRICS_CONTENT_TYPE[format],
        'Content-Length': String(length),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        Vary: 'Accept, Authorization',
      });
      if (req.method === 'HEAD') return void res.end();
      await writePieces(res, pieces);
    } finally {
      active--;
    }
  };
}
