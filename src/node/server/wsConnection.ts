/**
 * One WebSocket connection of `sockeye serve`: JSON calls `{id, method, params}` in, through the
 * action gate and the shared dispatcher, answers and pushed events out as pieced messages (a few
 * per event-loop turn, bounded per connection: see wireSender.ts). A bad message gets an error
 * answer; nothing a client sends can throw out of here.
 */
import type { RawData, WebSocket } from 'ws';
import { wrapPieced, type PiecedText } from '../../common/wire/pieces';
import type { ActionGate } from '../actions/actionGate';
import { dispatch, type CallContext } from '../api/apiDispatch';
import type { ApiBackend } from '../api/apiHandlers';
import { WireSender } from './wireSender';

export const MAX_IN_FLIGHT = 16;

export interface ConnectionOptions {
  backend: ApiBackend;
  actionGate?: ActionGate;
  log(line: string): void;
}

const badMessage = JSON.stringify({
  id: null,
  error: { code: 'BAD_REQUEST', message: 'messages must be JSON objects {id, method, params}' },
});

type Call = { id?: unknown; method?: unknown; params?: unknown };

/** The message as a call, or null when it is not a JSON object. */
function parseCall(data: RawData, isBinary: boolean): Call | null {
  if (isBinary) return null;
  try {
    const msg = JSON.parse(data.toString()) as unknown;
    return typeof msg === 'object' && msg !== null ? (msg as Call) : null;
  } catch {
    return null;
  }
}

export function serveConnection(ws: WebSocket, clientId: string, options: ConnectionOptions): void {
  const { log } = options;
  let inFlight = 0;
  // A whole snapshot goes in pieces (see src/common/wire/pieces.ts), a few per event-loop turn.
  const sender = new WireSender(ws, { onOverflow: (reason) => log(`websocket ${clientId} closed: ${reason}`) });
  const send = (message: PiecedText) => sender.send(message);
  const ctx: CallContext = { clientId, push: (eventJson) => send(wrapPieced('{"event":', eventJson, '}')) };
  const onMessage = (data: RawData, isBinary: boolean) => {
    const msg = parseCall(data, isBinary);
    if (!msg) return send(badMessage);
    const id = typeof msg.id === 'number' || typeof msg.id === 'string' ? msg.id : null;
    if (inFlight >= MAX_IN_FLIGHT) {
      send(JSON.stringify({ id, error: { code: 'BUSY', message: `too many calls in flight (max ${MAX_IN_FLIGHT})` } }));
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
