/**
 * The history beside collection with the real in-process snapshot service and a real database:
 * a listener opened between two live ticks is recorded as listen-start (from live refresh's delta),
 * checked against the default rule, and readable through the history ops as the UI reads it.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSnapshotService } from '../../../../src/node/snapshot/snapshotService';
import type { StoredAlert } from '../../../../src/node/history/historySession';

const dir = mkdtempSync(join(tmpdir(), 'sockeye-session-'));
const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

const listen = (host: string) =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, host, () => res((s.address() as AddressInfo).port));
    servers.push(s);
  });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('HistorySession beside collection', () => {
  it(
    'records a new listener from the live delta, alerts on an exposed one, and answers the UI',
    { timeout: 60_000 },
    async () => {
      const service = createSnapshotService();
      const alerts: StoredAlert[] = [];
      service.onAlerts((a) => alerts.push(...a));
      const info = JSON.parse(
        (await service.history({ op: 'configure', config: { path: join(dir, 'h.db'), record: true } })) as string,
      );
      expect(info).toMatchObject({ recording: true, problem: null, rules: ['is:exposed'] });
      await service.takeLive(true);
      await pause(1100);
      const local = await listen('127.0.0.1');
      const exposed = await listen('0.0.0.0');
      await service.takeLive(false);
      await pause(1100);
      await service.takeLive(false, true);
      const since = new Date(Date.now() - 60_000).toISOString();
      const read = async (filter: string) =>
        JSON.parse((await service.history({ op: 'events', since, filter })) as string) as {
          events: { kind: string; socket: { localPort: number; pid: number } | null }[];
        };
      const mine = (await read(`port:${local}`)).events;
      expect(mine.map((e) => e.kind)).toEqual(['listen-start']);
      expect(mine[0]!.socket).toMatchObject({ localPort: local, pid: process.pid });
      expect(alerts.map((a) => a.event.socket?.localPort)).toContain(exposed);
      expect(alerts.map((a) => a.event.socket?.localPort)).not.toContain(local);
      const stored = JSON.parse((await service.history({ op: 'alerts' })) as string) as { alerts: StoredAlert[] };
      expect(stored.alerts.some((a) => a.event.socket?.localPort === exposed && a.rule === 'is:exposed')).toBe(true);
      // Marked as expected, the same listener would not alert again; the count is what listens now.
      const marked = JSON.parse((await service.history({ op: 'expectCurrent' })) as string) as { count: number };
      expect(marked.count).toBeGreaterThanOrEqual(2);
      await expect(service.history({ op: 'setRules', rules: ['connect=port:'] })).rejects.toThrow(/port/);
      await service.close();
    },
  );
});
