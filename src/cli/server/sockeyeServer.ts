/**
 * `sockeye serve`: the built renderer over HTTP and the SockeyeApi over one WebSocket (/ws),
 * both behind the Host check and the token (see requestGuards.ts).
 *
 * Wire protocol (the renderer's wsClient speaks it): the client sends
 * `{"id":n,"method":"snapshot","params":{}}`; the server answers `{"id":n,"result":…}` or
 * `{"id":n,"error":{"code","message"}}`, and pushes `{"event":{…}}` for live refresh. A message
 * longer than 256 K characters goes as `{"parts":K}` and K raw pieces (src/shared/wireParts.ts).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch, type CallContext } from '../../main/core/apiDispatch';
import type { ApiBackend } from '../../main/core/apiHandlers';
import { allowedHosts, hostAllowed, originAllowed, tokenValid, TOKEN_COOKIE } from './requestGuards';
import { resolveStatic, sendFile } from './staticFiles';
import { serveCsp } from '../../shared/contentSecurityPolicy';
import { wrapJson, type JsonText } from '../../shared/jsonText';
import { WireSender } from './wireSender';

/** A hostile or broken client cannot make us buffer much: API calls are tiny. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
export const MAX_IN_FLIGHT = 16;

export interface ServerOptions {
  host: string;
  port: number;
  rendererDir: string;
  backend: ApiBackend;
  token?: string;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(message + '\n');
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const log = options.log ?? (() => {});
  let allowed = new Set<string>();
  let clientSeq = 0;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (!hostAllowed(req, allowed)) return refuse(res, 403, 'Forbidden: unexpected Host header');
    if (!tokenValid(req, url, token))
      return refuse(res, 401, 'Unauthorized: open the URL sockeye serve printed (it carries the token)');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    const file = resolveStatic(options.rendererDir, url.pathname);
    if (!file) return refuse(res, 404, 'Not found');
    const headers: Record<string, string> = { 'Referrer-Policy': 'no-referrer' };
    if (file.endsWith('.html')) {
      headers['Content-Security-Policy'] = serveCsp(req.headers.host!);
      headers['X-Frame-Options'] = 'DENY';
      headers['Set-Cookie'] = `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
    }
    sendFile(res, file, headers);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (!hostAllowed(req, allowed)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!tokenValid(req, url, token)) return refuseUpgrade(socket, 401, 'Unauthorized');
    if (!originAllowed(req)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (url.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws));
  });

  function onConnection(ws: WebSocket): void {
    const clientId = `ws-${++clientSeq}`;
    let inFlight = 0;
    // A whole snapshot goes in pieces (see wireParts.ts), a few per event-loop turn.
    const sender = new WireSender(ws);
    const send = (message: JsonText) => sender.send(message);
    const ctx: CallContext = { clientId, push: (eventJson) => send(wrapJson('{"event":', eventJson, '}')) };
    ws.on('message', (data, isBinary) => {
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
      void dispatch(options.backend.handlers, msg.method, msg.params, ctx).then((out) => {
        inFlight--;
        send(
          out.ok
            ? wrapJson(`{"id":${JSON.stringify(id)},"result":`, out.json, '}')
            : JSON.stringify({ id, error: out.error }),
        );
      });
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

  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    token,
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
