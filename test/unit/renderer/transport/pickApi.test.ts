/** The desktop transport: the preload's results are checked against the contract in the page, as the WebSocket's are. */
import { describe, expect, it } from 'vitest';
import type { SockeyeApi } from '../../../../src/common/contract/api';
import { validatedIpcApi } from '../../../../src/renderer/src/transport/pickApi';
import { sampleSnapshot } from '../../../support/sampleSnapshot';

function fakePreload(results: Record<string, unknown>): SockeyeApi {
  const api: Record<string, unknown> = { transport: 'ipc', onEvent: () => () => {} };
  for (const [method, result] of Object.entries(results)) api[method] = async () => result;
  return api as unknown as SockeyeApi;
}

describe('validatedIpcApi', () => {
  it('passes a valid result through, parsed by the schema', async () => {
    const api = validatedIpcApi(fakePreload({ live: { enabled: true, intervalMs: 1000 } }));
    expect(api.transport).toBe('ipc');
    await expect(api.live({ enabled: true })).resolves.toEqual({ enabled: true, intervalMs: 1000 });
  });

  it('rejects a result the contract does not allow, naming the method', async () => {
    const api = validatedIpcApi(fakePreload({ live: { enabled: 'yes' } }));
    await expect(api.live({ enabled: true })).rejects.toThrow(/the main process sent an invalid live result/);
  });

  it('validates a snapshot (in slices) and rejects a broken socket', async () => {
    const good = sampleSnapshot();
    await expect(validatedIpcApi(fakePreload({ snapshot: good })).snapshot({})).resolves.toMatchObject({
      takenAt: good.takenAt,
      sockets: good.sockets,
    });
    const bad = { ...good, sockets: [{ ...good.sockets[0], localPort: -1 }] };
    await expect(validatedIpcApi(fakePreload({ snapshot: bad })).snapshot({})).rejects.toThrow(
      /invalid snapshot result.*sockets\.0\.localPort/,
    );
  });
});
