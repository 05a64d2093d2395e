/**
 * A remote address that resolves in place: click it (or turn on automatic resolving) and a
 * spinner, then its names with where they came from and a mark when forward-confirmed, or why
 * there is none ("no PTR record", "timed out", "server refused"), appear beside it.
 */
import { useEffect, type MouseEvent } from 'react';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import VerifiedIcon from '@mui/icons-material/Verified';
import type { DnsName } from '../../../common/dns/dnsModel';
import { isResolvableAddress } from '../../../common/dns/dnsAddress';
import { dnsErrorWords, NAME_SOURCE_WORDS } from '../../../common/dns/dnsFormat';
import { endpoint } from '../ui/ownerText';
import { useDnsResolver, useDnsSettings, useReverseState } from './DnsResolverContext';
import type { ReverseState } from './dnsResolverStore';

const SHORT_SOURCE: Record<DnsName['source'], string> = {
  'dns-ptr': 'PTR',
  'hosts-file': 'hosts',
  'system-resolver': 'system',
  'forward-lookup': 'forward',
};

/** Best name first: confirmed DNS names, then other DNS names, then the hosts file, then the rest. */
function rank(n: DnsName): number {
  return (n.source === 'dns-ptr' ? 0 : n.source === 'hosts-file' ? 2 : 4) + (n.confirmed ? 0 : 1);
}

export function describeNames(names: DnsName[]): string {
  return names
    .map(
      (n) =>
        `${n.name} (${NAME_SOURCE_WORDS[n.source]}${n.source === 'hosts-file' ? '' : n.confirmed ? ', forward-confirmed' : ', not confirmed'})`,
    )
    .join('; ');
}

function Outcome({ address, state }: { address: string; state: ReverseState | undefined }) {
  if (!state) return null;
  if (state.status === 'queued' || state.status === 'pending')
    return <CircularProgress size={12} aria-label={`Resolving ${address}`} />;
  if (state.status === 'failed') {
    return (
      <Box component="span" sx={{ color: 'error.main', fontStyle: 'italic' }} title={state.message}>
        lookup failed
      </Box>
    );
  }
  const names = [...(state.result.names ?? [])].sort((a, b) => rank(a) - rank(b));
  if (names.length === 0) {
    const error = state.result.error;
    return (
      <Box
        component="span"
        sx={{ color: 'text.secondary', fontStyle: 'italic' }}
        title={error?.message}
        aria-label={`${address}: ${error ? dnsErrorWords(error.code, 'PTR') : 'no name'}`}
      >
        {error ? dnsErrorWords(error.code, 'PTR') : 'no name'}
      </Box>
    );
  }
  const first = names[0]!;
  const all = describeNames(names);
  return (
    <Box
      component="span"
      sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, minWidth: 0 }}
      title={all}
      aria-label={`Names of ${address}: ${all}`}
    >
      <Box component="span" sx={{ fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {first.name}
      </Box>
      {first.confirmed && first.source !== 'hosts-file' && (
        <VerifiedIcon sx={{ fontSize: 14 }} color="success" titleAccess="forward-confirmed" />
      )}
      <Box component="span" sx={{ fontSize: '0.75em', color: 'text.secondary' }}>
        {SHORT_SOURCE[first.source]}
        {names.length > 1 ? ` +${names.length - 1}` : ''}
      </Box>
    </Box>
  );
}

export function ResolvedAddress({
  address,
  port,
  tabIndex,
}: {
  address: string | null;
  port: number | null;
  tabIndex?: number;
}) {
  const store = useDnsResolver();
  const state = useReverseState(address);
  const [settings] = useDnsSettings();
  const resolvable = isResolvableAddress(address);
  const auto = settings?.auto ?? false;
  useEffect(() => {
    if (!store || !auto || !resolvable) return;
    const release = store.watch(address);
    if (!store.isSettled(address)) void store.resolve(address, { bulk: true });
    return release;
  }, [store, auto, resolvable, address]);

  const text = endpoint(address, port);
  if (!store || !resolvable) return <>{text}</>;
  const click = (e: MouseEvent) => {
    // The grid's own cell click (the filter menu) is for the rest of the cell.
    e.stopPropagation();
    void store.resolve(address, { force: true });
  };
  return (
    <Box
      component="span"
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 0.75,
        minWidth: 0,
        maxWidth: '100%',
        overflow: 'hidden',
      }}
    >
      <Link
        component="button"
        type="button"
        tabIndex={tabIndex}
        onClick={click}
        // The visible text first (WCAG 2.5.3, label in name), then what a click does.
        aria-label={`${text}: resolve its name`}
        title="Look up this address's name (reverse DNS)"
        underline="hover"
        color="inherit"
        sx={{ font: 'inherit', whiteSpace: 'nowrap', textDecorationStyle: 'dotted' }}
      >
        {text}
      </Link>
      <Outcome address={address} state={state} />
    </Box>
  );
}
