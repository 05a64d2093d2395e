/**
 * Names for remote addresses, for the map and the story: what the DNS tab's shared resolver
 * cache has learned this session first (the freshest), then what the snapshot knows (`dnsNames`).
 * Without the resolver (outside its provider) only the snapshot's names are used.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Snapshot } from '../../../common/model/model';
import type { DnsName } from '../../../common/dns/dnsModel';
import { nameLookup, type NameLookup } from '../../../common/viewModel/knownNames';
import { useDnsResolver } from '../dns/DnsResolverContext';

/** Confirmed PTR names first, then other PTR names, then the hosts file, then the rest. */
const rank = (n: DnsName) => (n.source === 'dns-ptr' ? 0 : n.source === 'hosts-file' ? 2 : 4) + (n.confirmed ? 0 : 1);

export function useNameLookup(snapshot: Snapshot): NameLookup {
  const store = useDnsResolver();
  // The store notifies on every change; a counter turns that into a new lookup (labels only, no relayout).
  const [version, setVersion] = useState(0);
  useEffect(() => (store ? store.subscribe(() => setVersion((v) => v + 1)) : undefined), [store]);
  return useMemo(() => {
    const fromResolver: NameLookup | undefined = store
      ? (address) => {
          const s = store.get(address);
          if (s?.status !== 'done' || !s.result.names?.length) return null;
          return [...s.result.names].sort((a, b) => rank(a) - rank(b))[0]!.name;
        }
      : undefined;
    return nameLookup(snapshot.dnsNames, fromResolver);
    // `version` is the store's change count: a new lookup each time it learns something.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [snapshot.dnsNames, store, version]);
}
