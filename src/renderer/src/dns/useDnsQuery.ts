/**
 * The DNS tab's form state: the query, record types, server and timeout (the last two start from
 * and are saved to the DNS settings), their validation, and one lookup at a time (a newer one
 * makes the answer of an older one moot).
 */
import { useRef, useState, type FormEvent } from 'react';
import type { SockeyeApi } from '../../../common/contract/api';
import { canonicalAddress } from '../../../common/dns/dnsAddress';
import type { DnsRecordType, DnsResult } from '../../../common/dns/dnsModel';
import { parseDnsServer } from '../../../common/dns/dnsServerSpec';
import { useDnsResolver, useDnsSettings } from './DnsResolverContext';

export type Outcome =
  | { status: 'idle' }
  | { status: 'pending' }
  | { status: 'done'; results: DnsResult[] }
  | { status: 'failed'; message: string };

export function useDnsQuery(api: SockeyeApi) {
  const store = useDnsResolver();
  const [settings, setSettings] = useDnsSettings();
  const [query, setQuery] = useState('');
  const [types, setTypes] = useState<DnsRecordType[]>(['A', 'AAAA']);
  const [server, setServer] = useState(settings?.server ?? '');
  const [timeoutText, setTimeoutText] = useState(String(settings?.timeoutMs ?? 2000));
  const [outcome, setOutcome] = useState<Outcome>({ status: 'idle' });
  const seq = useRef(0);

  const address = canonicalAddress(query);
  const serverError =
    server.trim() && 'error' in parseDnsServer(server) ? (parseDnsServer(server) as { error: string }).error : null;
  const timeoutMs = Number(timeoutText);
  const timeoutError =
    !/^\d+$/.test(timeoutText.trim()) || timeoutMs < 50 || timeoutMs > 30_000 ? 'between 50 and 30000 ms' : null;
  const canSubmit = query.trim() !== '' && !serverError && !timeoutError && (address !== null || types.length > 0);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    const id = ++seq.current;
    const srv = server.trim() || undefined;
    setSettings({ server: server.trim(), timeoutMs });
    setOutcome({ status: 'pending' });
    try {
      const results =
        address !== null
          ? [await api.dnsReverse({ address, server: srv, timeoutMs })]
          : await api.dnsLookup({ name: query.trim(), types, server: srv, timeoutMs });
      if (id !== seq.current) return;
      if (address !== null) store?.put(address, results[0]!);
      setOutcome({ status: 'done', results });
    } catch (err) {
      if (id === seq.current)
        setOutcome({ status: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return {
    query,
    setQuery,
    types,
    setTypes,
    server,
    setServer,
    timeoutText,
    setTimeoutText,
    outcome,
    address,
    serverError,
    timeoutError,
    canSubmit,
    submit,
  };
}
