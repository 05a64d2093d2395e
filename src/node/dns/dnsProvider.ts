/**
 * The DNS service behind the API (Electron IPC and `sockeye serve`): the UI's server field is one
 * `HOST[:PORT]`; a bad one is the caller's mistake (BAD_REQUEST), shutdown is CANCELLED.
 */
import { ApiError } from '../../common/contract/api';
import type { DnsProvider } from '../api/apiHandlers';
import { DnsServerSpecError, type DnsService } from './dnsService';
import { LimiterClosedError } from './limiter';
import { DnsClosedError } from './queryServer';

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof DnsServerSpecError) throw new ApiError(err.message, 'BAD_REQUEST');
    // Shutdown reaches a waiting caller as either: the service closed, or its limiter did.
    if (err instanceof DnsClosedError || err instanceof LimiterClosedError)
      throw new ApiError(err.message, 'CANCELLED');
    throw err;
  }
}

export function dnsProvider(service: DnsService): DnsProvider {
  return {
    lookup: (p) =>
      guarded(() =>
        service.lookup(p.name, p.types ?? ['A'], {
          servers: p.server ? [p.server] : undefined,
          timeoutMs: p.timeoutMs,
        }),
      ),
    reverse: (p) =>
      guarded(() =>
        service.reverse(p.address, {
          servers: p.server ? [p.server] : undefined,
          timeoutMs: p.timeoutMs,
          system: p.system,
        }),
      ),
  };
}
