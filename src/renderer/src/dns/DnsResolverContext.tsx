/**
 * One DnsResolverStore per API for the whole window, so a name resolved in one view shows in all.
 */
import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { SockeyeApi } from '../../../common/contract/api';
import { DnsResolverStore, type DnsSettings, type ReverseState } from './dnsResolverStore';

const Ctx = createContext<DnsResolverStore | null>(null);

export function DnsResolverProvider({ api, children }: { api: SockeyeApi; children: ReactNode }) {
  const store = useMemo(() => new DnsResolverStore(api), [api]);
  return <Ctx.Provider value={store}>{children}</Ctx.Provider>;
}

/** The shared store, or null outside a DnsResolverProvider (views then show plain addresses). */
export function useDnsResolver(): DnsResolverStore | null {
  return useContext(Ctx);
}

const noop = () => () => {};

/** The reverse-lookup state of one address; re-renders only when it changes. */
export function useReverseState(address: string | null): ReverseState | undefined {
  const store = useDnsResolver();
  return useSyncExternalStore(store ? store.subscribe : noop, () =>
    store && address ? store.get(address) : undefined,
  );
}

export function useDnsSettings(): [DnsSettings | null, (patch: Partial<DnsSettings>) => void] {
  const store = useDnsResolver();
  const settings = useSyncExternalStore(store ? store.subscribe : noop, () => store?.settings ?? null);
  return [settings, (patch) => store?.setSettings(patch)];
}
