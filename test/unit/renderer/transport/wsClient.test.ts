/** The browser transport against a real WebSocket server on loopback. */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createWsApi } from '../../../../src/renderer/src/transport/wsClient';
import { SnapshotSchema } from '../../../../src/common/model/model';
import { wireMessages } from '../../../../src/common/wire/pieces';
import { busySnapshot } from '../../../support/syntheticSnapshot';

let servers: WebSocketServer[] = [];
afterEach(() => {
  for (const s of servers) s.close();
  servers = [];
});

function server(
  onMessage: (msg: { id: number; method: string; params: unknown }, ws: WebSocket) => void,
): Promise<string> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  servers.push(wss);
  wss.on('connection', (ws) => ws.on('message', (d) => onMessage(JSON.parse(d.toString()), ws)));
  return new Promise((res) =>
    wss.on('listening', () => res(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`)),
  );
}

const Ctor = WebSocket as unknown as NonNullable<Parameters<typeof createWsApi>[0]['WebSocket']>;

describe('createWsApi', () => {
  it('sends calls with ids and validates results against the shared schema', async () => {
    const url = await server((m, ws) =>
      ws.send(JSON.stringify({ id: m.id, result: { enabled: true, intervalMs: 2000 } })),
    );
    const api = createWsApi({ url, WebSocket: Ctor });
    await expect(api.live({ enabled: true, intervalMs: 2000 })).resolves.toEqual({ enabled: true, intervalMs: 2000 });
    api.close();
  });

  it('rejects with the server error, and on a result that breaks the schema', async () => {
    const url = await server((m, ws) => {
      if (m.method === 'live') ws.send(JSON.stringify({ id: m.id, error: { code: 'BAD_REQUEST', message: 'nope' } }));
      else ws.send(JSON.stringify({ id: m.id, result: { schema: 'something else' } }));
    });
    const api = createWsApi({ url, WebSocket: Ctor });
    await expect(api.live({ enabled: true })).rejects.toThrow('nope (BAD_REQUEST)');
    await expect(api.snapshot({})).rejects.toThrow(/invalid snapshot result/);
    api.close();
  });

  it('delivers pushed events to listeners', async () => {
    const url = await server((m, ws) => {
      ws.send(JSON.stringify({ event: { type: 'delta', delta: { n: 1 } } }));
      ws.send(JSON.stringify({ id: m.id, result: { enabled: true, intervalMs: 1000 } }));
    });
    const api = createWsApi({ url, WebSocket: Ctor });
    const events: unknown[] = [];
    api.onEvent((e) => events.push(e));
    await api.live({ enabled: true });
    expect(events).toEqual([{ type: 'delta', delta: { n: 1 } }]);
    api.close();
  });

  it('fails calls in flight when the connection drops, then reconnects', async () => {
    let connections = 0;
    const url = await server((m, ws) => {
      connections++;
      if (connections === 1) ws.terminate();
      else ws.send(JSON.stringify({ id: m.id, result: { enabled: false, intervalMs: 1000 } }));
    });
    const statuses: string[] = [];
    const api = createWsApi({ url, WebSocket: Ctor, onStatus: (s) => statuses.push(s) });
    await expect(api.live({ enabled: false })).rejects.toThrow('the connection to Sockeye was lost');
    await new Promise((r) => setTimeout(r, 400)); // first retry after 250 ms
    await expect(api.live({ enabled: false })).resolves.toEqual({ enabled: false, intervalMs: 1000 });
    expect(statuses).toEqual(['connecting', 'open', 'closed', 'connecting', 'open']);
    api.close();
  });

  it('joins a snapshot sent in pieces and validates it slice by slice, like a whole one', async () => {
    const snapshot = busySnapshot(300, 6000, 150);
    expect(snapshot.sockets.length).toBeGreaterThan(4000); // more than one validation slice
    const text = JSON.stringify({ id: 1, result: snapshot });
    let sentParts = 0;
    const url = await server((m, ws) => {
      const pieces = wireMessages(text.replace('"id":1', `"id":${m.id}`));
      sentParts = pieces.length;
      for (const p of pieces) ws.send(p);
    });
    const api = createWsApi({ url, WebSocket: Ctor });
    const got = await api.snapshot({});
    expect(sentParts).toBeGreaterThan(2);
    expect(got).toEqual(SnapshotSchema.parse(snapshot));
    api.close();
  });

  it('rejects a big snapshot with a bad socket, naming where it is', async () => {
    const snapshot = busySnapshot(300, 6000, 150);
    const bad = structuredClone(snapshot) as unknown as { sockets: Record<string, unknown>[] };
    bad.sockets[4321]!.localPort = 'http';
    const url = await server((m, ws) => {
      for (const p of wireMessages(JSON.stringify({ id: m.id, result: bad }))) ws.send(p);
    });
    const api = createWsApi({ url, WebSocket: Ctor });
    await expect(api.snapshot({})).rejects.toThrow(/invalid snapshot result: .*sockets\.4321\.localPort/);
    api.close();
  });
});
