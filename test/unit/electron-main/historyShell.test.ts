/**
 * The desktop's history shell with `electron` replaced by recording fakes: the notification it
 * raises for an alert (and what clicking it does), and the history file and setting it keeps in
 * userData, with the real in-process snapshot service and a real database file.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { StoredAlert } from '../../../src/node/history/historySession';

const h = vi.hoisted(() => {
  const state = {
    notifications: [] as { options: { title: string; body: string }; shown: boolean; click?: () => void }[],
    sent: [] as { channel: string; json: string }[],
    focused: 0,
  };
  class Notification {
    private readonly rec: (typeof state.notifications)[number];
    constructor(options: { title: string; body: string }) {
      this.rec = { options, shown: false };
      state.notifications.push(this.rec);
    }
    static isSupported() {
      return true;
    }
    on(name: string, fn: () => void) {
      if (name === 'click') this.rec.click = fn;
    }
    show() {
      this.rec.shown = true;
    }
  }
  const win = {
    isMinimized: () => false,
    restore() {},
    focus: () => void state.focused++,
    webContents: { send: (channel: string, json: string) => void state.sent.push({ channel, json }) },
  };
  return { state, Notification, BrowserWindow: { getAllWindows: () => [win] } };
});

vi.mock('electron', () => ({ Notification: h.Notification, BrowserWindow: h.BrowserWindow }));

const { notifyAlerts, startDesktopHistory } = await import('../../../src/electron-main/historyShell');
const { createSnapshotService } = await import('../../../src/node/snapshot/snapshotService');
const { LiveHub } = await import('../../../src/node/snapshot/liveHub');

const alert = (pid: number, port: number): StoredAlert => ({
  id: pid,
  at: '2026-12-01T12:00:00.000Z',
  rule: 'is:exposed',
  event: {
    time: '2026-12-01T12:00:00.000Z',
    kind: 'listen-start',
    socket: { protocol: 'tcp', family: 'IPv4', localAddress: '0.0.0.0', localPort: port, pid } as never,
    process: { pid, name: 'python3', label: 'python3 · srv' } as never,
  },
});

describe('desktop history shell', () => {
  it('raises a native notification per alert (at most three per tick); a click focuses the window and opens the process', () => {
    notifyAlerts([alert(101, 8080)]);
    expect(h.state.notifications).toHaveLength(1);
    const n = h.state.notifications[0]!;
    expect(n.shown).toBe(true);
    expect(n.options.title).toBe('Sockeye: New listener');
    expect(n.options.body).toBe('tcp 0.0.0.0:8080 · python3 · srv (101) — rule is:exposed');
    n.click!();
    expect(h.state.focused).toBe(1);
    expect(h.state.sent).toEqual([
      { channel: 'sockeye:event', json: JSON.stringify({ type: 'openProcess', pid: 101 }) },
    ]);
    notifyAlerts([1, 2, 3, 4, 5].map((i) => alert(200 + i, 9000 + i)));
    expect(h.state.notifications).toHaveLength(4);
  });

  it('records into userData by default; turning it off is kept in the setting file', { timeout: 60_000 }, async () => {
    const userData = mkdtempSync(join(tmpdir(), 'sockeye-userdata-'));
    const snapshots = createSnapshotService();
    const live = new LiveHub(snapshots);
    const errors: string[] = [];
    const control = await startDesktopHistory(userData, snapshots, live, (m) => errors.push(m));
    await snapshots.takeLive(true);
    await snapshots.takeLive(false, true);
    const info = JSON.parse((await snapshots.history({ op: 'info' })) as string);
    expect(errors).toEqual([]);
    expect(info).toMatchObject({ recording: true, path: join(userData, 'history.db'), problem: null });
    expect(info.span).not.toBeNull();
    expect(existsSync(join(userData, 'history.db'))).toBe(true);
    await control.setRecording!(false);
    expect(JSON.parse(readFileSync(join(userData, 'history-settings.json'), 'utf8'))).toEqual({ record: false });
    const off = JSON.parse((await snapshots.history({ op: 'info' })) as string);
    expect(off).toMatchObject({ recording: false, available: true });
    live.close();
    await snapshots.close();
  });
});
