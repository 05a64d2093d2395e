/**
 * The desktop's history: records while the app runs (a setting, on by default) into `userData`,
 * in the snapshot worker (node/history; this file only passes the path and the setting), and
 * raises a native notification for each new alert; clicking it brings the window forward and
 * opens the process.
 */
import { BrowserWindow, Notification } from 'electron';
import { join } from 'node:path';
import { HISTORY_FILE_NAME } from '../node/history/historyPath';
import { readHistorySettings, writeHistorySettings } from '../node/history/historySettings';
import type { SnapshotService } from '../node/snapshot/snapshotService';
import type { LiveHub } from '../node/snapshot/liveHub';
import type { HistoryControl } from '../node/api/historyHandlers';
import type { StoredAlert } from '../node/history/historySession';
import { IPC_EVENT_CHANNEL } from '../common/contract/api';
import { alertBody, alertTitle } from '../common/history/alertText';

/** Between recorded ticks while the window is not watching (hidden, minimised): as `sockeye record`. */
export const DESKTOP_RECORD_EVERY_MS = 5000;
/** A burst of alerts (a service starting twenty workers) raises a few notifications, not twenty. */
const MAX_NOTIFICATIONS_PER_TICK = 3;

export function notifyAlerts(alerts: readonly StoredAlert[]): void {
  if (!Notification.isSupported()) return;
  for (const a of alerts.slice(0, MAX_NOTIFICATIONS_PER_TICK)) {
    const n = new Notification({ title: `Sockeye: ${alertTitle(a.event)}`, body: alertBody(a.event, a.rule) });
    n.on('click', () => {
      const win = BrowserWindow.getAllWindows()[0];
      if (!win) return;
      if (win.isMinimized()) win.restore();
      win.focus();
      const pid = a.event.process?.pid ?? a.event.socket?.pid ?? null;
      if (pid !== null) win.webContents.send(IPC_EVENT_CHANNEL, JSON.stringify({ type: 'openProcess', pid }));
    });
    n.show();
  }
}

/** Starts the history as the setting says; returns what the API may change. */
export async function startDesktopHistory(
  userData: string,
  snapshots: SnapshotService,
  live: LiveHub,
  onError: (message: string) => void,
): Promise<HistoryControl> {
  const path = join(userData, HISTORY_FILE_NAME);
  const apply = async (record: boolean) => {
    await snapshots.history({ op: 'configure', config: { path, record } });
    live.setBackground(record ? DESKTOP_RECORD_EVERY_MS : null);
  };
  snapshots.onAlerts(notifyAlerts);
  try {
    await apply((await readHistorySettings(userData)).record);
  } catch (err) {
    onError(`history: ${err instanceof Error ? err.message : String(err)}`);
  }
  return {
    setRecording: async (enabled) => {
      await writeHistorySettings(userData, { record: enabled });
      await apply(enabled);
    },
  };
}
