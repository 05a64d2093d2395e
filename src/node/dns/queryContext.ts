/**
 * What the lookup flows (forwardLookup.ts, reverseLookup.ts) need from the service that calls them:
 * a module of its own so the imports run one way, service → lookups → this.
 */
import type { DnsRecordType, DnsResult } from '../../common/dns/dnsModel';
import type { DnsServerSpec } from '../../common/dns/dnsServerSpec';
import type { HostsFile } from './hostsFile';
import type { SystemResolver } from './systemResolver';

export interface QueryContext {
  query(name: string, type: DnsRecordType, servers: DnsServerSpec[], deadline: number): Promise<DnsResult>;
  system: SystemResolver;
  hosts: HostsFile;
}
