/**
 * The HTTP side of `sockeye serve`: the session exchange (POST /session trades the printed link's
 * one-time code for a session credential; GET /session says whether one is still good) and the
 * built renderer's files. Nothing here may throw out of the server: a handler that fails is
 * answered 500 and logged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveCsp } from '../../common/contract/contentSecurityPolicy';
import { API_PATHS, apiHandler, type ReadOnlyApi } from './apiRoutes';
import { answerJson, readSmallJson, refuse } from './httpReplies';
import { hostAllowed, originAllowed, presentedCredential, requestTarget } from './requestGuards';
import type { SessionCredentials } from './sessionCredentials';
import { resolveStatic, sendFile } from './staticFiles';

/** The body of POST /session ({"code":"…"}) is tiny; anything longer is refused unread. */
const MAX_SESSION_BODY = 1024;

export interface HttpRouteContext {
  rendererDir: string;
  credentials: SessionCredentials;
  /** The Host header values this server answers to (known once it listens). */
  allowed(): Set<string>;
  onNewCode?: (code: string) => void;
  log(line: string): void;
  /** GET /v1/snapshot and /metrics behind the API token; absent: those paths are not found. */
  api?: ReadOnlyApi;
}

/** The server's request listener. */
export function httpRoutes(ctx: HttpRouteContext): (req: IncomingMessage, res: ServerResponse) => void {
  const { credentials, log } = ctx;
  const handleApi = ctx.api ? apiHandler(ctx.api, log) : null;

  /** POST /session {"code"}: a one-time code for a session credential. GET /session: is mine still good? */
  async function session(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!originAllowed(req)) return refuse(res, 403, 'Forbidden: foreign Origin');
    if (req.method === 'GET') {
      return credentials.valid(presentedCredential(req))
        ? answerJson(res, 200, { valid: true })
        : answerJson(res, 401, { error: 'this session is not known here (was sockeye serve restarted?)' });
    }
    if (req.method !== 'POST') return refuse(res, 405, 'Method not allowed');
    const body = await readSmallJson(req, MAX_SESSION_BODY);
    const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
    const granted = credentials.exchange(code);
    if (granted === null) {
      return answerJson(res, 401, {
        error:
          'this link has been used already, or is not from this server: open the newest link sockeye serve printed',
      });
    }
    ctx.onNewCode?.(credentials.code);
    answerJson(res, 200, { session: granted });
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    if (!hostAllowed(req, ctx.allowed())) return refuse(res, 403, 'Forbidden: unexpected Host header');
    const target = requestTarget(req.url);
    if (!target) return refuse(res, 400, 'Bad request: the target must be a path');
    if (target.pathname === '/session') {
      void session(req, res).catch((err: Error) => fail(res, err));
      return;
    }
    if (handleApi && API_PATHS.has(target.pathname)) {
      void handleApi(req, res, target.pathname).catch((err: Error) => fail(res, err));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    // The UI's files are the public build, the same for everyone: no credential needed. Data
    // only ever flows over the WebSocket, which needs a session.
    const file = resolveStatic(ctx.rendererDir, target.pathname);
    if (!file) return refuse(res, 404, 'Not found');
    const headers: Record<string, string> = { 'Referrer-Policy': 'no-referrer' };
    if (file.endsWith('.html')) {
      headers['Content-Security-Policy'] = serveCsp(req.headers.host!);
      headers['X-Frame-Options'] = 'DENY';
    }
    sendFile(res, file, headers);
  }

  /** A handler that threw is our bug, not the peer's: it is logged, answered 500, and the server goes on. */
  function fail(res: ServerResponse, err: unknown): void {
    log(`request failed: ${err instanceof Error ? err.message : String(err)}`);
    if (!res.headersSent) refuse(res, 500, 'Internal error');
    else res.destroy();
  }

  return (req, res) => {
    try {
      handleRequest(req, res);
    } catch (err) {
      fail(res, err);
    }
  };
}
