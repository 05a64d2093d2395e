/**
 * Keeps the history store fed for the whole window: info now and every 10 s (the file grows, the
 * span moves), the alerts once, pushed alerts as they come, and a clicked desktop notification's
 * process opened.
 */
import { useEffect } from 'react';
import type { SockeyeApi } from '../../../common/contract/api';
import { historyStore, openProcessStore } from './historyStore';

const INFO_EVERY_MS = 10_000;

export function useHistoryFeed(api: SockeyeApi): void {
  useEffect(() => {
    void historyStore.refreshInfo(api);
    void historyStore.loadAlerts(api);
    const timer = setInterval(() => void historyStore.refreshInfo(api), INFO_EVERY_MS);
    const off = api.onEvent((event) => {
      if (event.type === 'alert') historyStore.pushAlerts(event.alerts);
      else if (event.type === 'openProcess') openProcessStore.open(event.pid);
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [api]);
}
