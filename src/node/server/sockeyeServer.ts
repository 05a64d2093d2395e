/**
 * `sockeye serve`: the built renderer over HTTP and the SockeyeApi over one WebSocket (/ws),
 * both behind the Host check; the WebSocket also behind a session credential, which the page
 * gets once for the printed link's one-time code (POST /session; see sessionCredentials.ts).
 * No path from the socket to a handler may throw out of the server: malformed input gets a
 * 400, a bug in a handler a 500, and the server goes on.
 *
 * Wire protocol (the renderer's wsClient speaks it): the client sends
 * `{"id":n,"method":"snapshot","params":{}}`; the server answers `{"id":n,"result":…}` or
 * `{"id":n,"error":{"code","message"}}`, and pushes `{"event":{…}}` for live refresh. A message
 * longer than 256 K characters goes as `{"pieces":K}` and K raw pieces (src/common/wire/pieces.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { dispatch, type CallContext } from '../api/apiDispatch';
import type { ApiBackend } from '../api/apiHandlers';
import { allowedHosts, hostAllowed, originAllowed, presentedCredential, requestTarget } from './requestGuards';
import { SessionCredentials, WS_PROTOCOL } from './sessionCredentials';
import { resolveStatic, sendFile } from './staticFiles';
import { wrapPieced, type PiecedText } from '../../common/wire/pieces';
import { WireSender } from './wireSender';
import { serveCsp } from '../../common/contract/contentSecurityPolicy';
import type { ActionGate } from '../actions/actionGate';

/** A hostile or broken client cannot make us buffer much: API calls are tiny. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
export const MAX_IN_FLIGHT = 16;
/** The body of POST /session ({"code":"…"}) is tiny; anything longer is refused unread. */
const MAX_SESSION_BODY = 1024;

export interface ServerOptions {
  host: string;
  port: number;
  rendererDir: string;
  backend: ApiBackend;
  /** The first link's one-time code (random unless given, for tests). */
  code?: string;
  /** Told each new one-time code, minted when the previous one was exchanged. */
  onNewCode?: (code: string) => void;
  log?: (line: string) => void;
  /** Consulted before every call: refuses actions (stop, close) unless serve runs with --allow-actions. */
  actionGate?: ActionGate;
}

export interface RunningServer {
  /** The first link: http://HOST:PORT/?code=… */
  url: string;
  /** The link for a code (the base URL with `?code=`). */
  link(code: string): string;
  code: string;
  port: number;
  close(): Promise<void>;
}

const PLAIN = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...PLAIN, 'Cache-Control': 'no-store' });
  res.end(message + '\n');
}

function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** The JSON body of a small request, or null if it is too long, not JSON, or the peer went away. */
function readSmallJson(req: IncomingMessage, max: number): Promise<unknown> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > max) {
        resolve(null);
        req.destroy();
      }
    });
    req.on('error', () => resolve(null));
    req.on('end', () => {
      try {
        resolve(JSON.parse(body));
      } catch {
        resolve(null);
      }
    });
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const credentials = new SessionCredentials(options.code);
  const log = options.log ?? (() => {});
  let allowed = new Set<string>();
  let clientSeq = 0;

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
    options.onNewCode?.(credentials.code);
    answerJson(res, 200, { session: granted });
  }

  function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    if (!hostAllowed(req, allowed)) return refuse(res, 403, 'Forbidden: unexpected Host header');
    const target = requestTarget(req.url);
    if (!target) return refuse(res, 400, 'Bad request: the target must be a path');
    if (target.pathname === '/session') {
      void session(req, res).catch((err: Error) => fail(res, err));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    // The UI's files are the public build, the same for everyone: no credential needed. Data
    // only ever flows over the WebSocket, which needs a session.
    const file = resolveStatic(options.rendererDir, target.pathname);
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

  const server: Server = createServer((req, res) => {
    try {
      handleRequest(req, res);
    } catch (err) {
      fail(res, err);
    }
  });
  // A request Node cannot parse at all: 400 and close, as Node does, but never an unhandled error.
  server.on('clientError', (_err, socket: Duplex) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // A browser offers `sockeye` and its credential; the server must choose one, never the credential.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!hostAllowed(req, allowed)) return refuseUpgrade(socket, 403, 'Forbidden');
    const target = requestTarget(req.url);
    if (!target) return refuseUpgrade(socket, 400, 'Bad Request');
    if (!credentials.valid(presentedCredential(req))) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (!originAllowed(req)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (target.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  }
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(req, socket, head);
    } catch (err) {
      log(`upgrade failed: ${err instanceof Error ? err.message : String(err)}`);
      socket.destroy();
    }
  });

  function onConnection(ws: WebSocket): void {
    const clientId = `ws-${++clientSeq}`;
    let inFlight = 0;
    // A whole snapshot goes in pieces (see src/common/wire/pieces.ts), a few per event-loop turn.
    const sender = new WireSender(ws, { onOverflow: (reason) => log(`websocket ${clientId} closed: ${reason}`) });
    const send = (message: PiecedText) => sender.send(message);
    const ctx: CallContext = { clientId, push: (eventJson) => send(wrapPieced('{"event":', eventJson, '}')) };
    const onMessage = (data: RawData, isBinary: boolean) => {
      let msg: { id?: unknown; method?: unknown; params?: unknown };
      try {
        if (isBinary) throw new Error('binary');
        msg = JSON.parse(data.toString());
        if (typeof msg !== 'object' || msg === null) throw new Error('not an object');
      } catch {
        send(
          JSON.stringify({
            id: null,
            error: { code: 'BAD_REQUEST', message: 'messages must be JSON objects {id, method, params}' },
          }),
        );
        return;
      }
      const id = typeof msg.id === 'number' || typeof msg.id === 'string' ? msg.id : null;
      if (inFlight >= MAX_IN_FLIGHT) {
        send(
          JSON.stringify({ id, error: { code: 'BUSY', message: `too many calls in flight (max ${MAX_IN_FLIGHT})` } }),
        );
        return;
      }
      inFlight++;
      const gate = options.actionGate ?? (async () => null);
      gate(msg.method, msg.params, clientId)
        .then((refused) => refused ?? dispatch(options.backend.handlers, msg.method, msg.params, ctx))
        .then((out) =>
          send(
            out.ok
              ? wrapPieced(`{"id":${JSON.stringify(id)},"result":`, out.json, '}')
              : JSON.stringify({ id, error: out.error }),
          ),
        )
        .catch((err: Error) => {
          log(`call on ${clientId} failed: ${err.message}`);
          send(JSON.stringify({ id, error: { code: 'INTERNAL', message: 'the call failed inside Sockeye' } }));
        })
        .finally(() => inFlight--);
    };
    ws.on('message', (data, isBinary) => {
      try {
        onMessage(data, isBinary);
      } catch (err) {
        log(`message on ${clientId} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    ws.on('close', () => options.backend.disconnect(clientId));
    ws.on('error', (err) => log(`websocket ${clientId}: ${err.message}`));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHosts(options.host, port);
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  const urlHost = shownHost.includes(':') ? `[${shownHost}]` : shownHost;

  const link = (code: string) => `http://${urlHost}:${port}/?code=${code}`;
  return {
    url: link(credentials.code),
    link,
    code: credentials.code,
    port,
    close: async () => {
      options.backend.live.close();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
