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
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiBackend } from '../api/apiHandlers';
import type { ActionGate } from '../actions/actionGate';
import type { ReadOnlyApi } from './apiRoutes';
import { refuseUpgrade } from './httpReplies';
import { httpRoutes } from './httpRoutes';
import { allowedHosts, hostAllowed, originAllowed, presentedCredential, requestTarget } from './requestGuards';
import { SessionCredentials, WS_PROTOCOL } from './sessionCredentials';
import { serveConnection } from './wsConnection';

/** A hostile or broken client cannot make us buffer much: API calls are tiny. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

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
  /** The read-only API (GET /v1/snapshot, /metrics) and its token; see apiRoutes.ts. */
  api?: ReadOnlyApi;
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

interface UpgradeContext {
  wss: WebSocketServer;
  credentials: SessionCredentials;
  allowed(): Set<string>;
  onConnection(ws: WebSocket): void;
  log(line: string): void;
}

/** The upgrade listener: only /ws, from an allowed Host and Origin, with a valid session. */
function upgradeHandler(ctx: UpgradeContext): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!hostAllowed(req, ctx.allowed())) return refuseUpgrade(socket, 403, 'Forbidden');
    const target = requestTarget(req.url);
    if (!target) return refuseUpgrade(socket, 400, 'Bad Request');
    if (!ctx.credentials.valid(presentedCredential(req))) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (!originAllowed(req)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (target.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found');
    ctx.wss.handleUpgrade(req, socket, head, (ws) => ctx.onConnection(ws));
  }
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      handleUpgrade(req, socket, head);
    } catch (err) {
      ctx.log(`upgrade failed: ${err instanceof Error ? err.message : String(err)}`);
      socket.destroy();
    }
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const credentials = new SessionCredentials(options.code);
  const log = options.log ?? (() => {});
  let allowed = new Set<string>();
  let clientSeq = 0;
  const server: Server = createServer(
    httpRoutes({
      rendererDir: options.rendererDir,
      credentials,
      allowed: () => allowed,
      onNewCode: options.onNewCode,
      log,
      api: options.api,
    }),
  );
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
  const onConnection = (ws: WebSocket) =>
    serveConnection(ws, `ws-${++clientSeq}`, { backend: options.backend, actionGate: options.actionGate, log });
  server.on('upgrade', upgradeHandler({ wss, credentials, allowed: () => allowed, onConnection, log }));

  const port = await listen(server, options.port, options.host);
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
