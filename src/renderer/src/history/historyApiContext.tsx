/** The API for views deep in the tree that read the history (the process story, a port's history button). */
import { createContext, useContext, type ReactNode } from 'react';
import type { SockeyeApi } from '../../../common/contract/api';
import { useHistoryState } from './historyStore';

const HistoryApiContext = createContext<SockeyeApi | null>(null);

export function HistoryApiProvider({ api, children }: { api: SockeyeApi; children: ReactNode }) {
  return <HistoryApiContext.Provider value={api}>{children}</HistoryApiContext.Provider>;
}

/** The API when a history can be read here, else null (nothing to show). */
export function useHistoryApi(): SockeyeApi | null {
  const api = useContext(HistoryApiContext);
  const { info } = useHistoryState();
  return api && info?.available ? api : null;
}
