/**
 * DNS answers as the CLI's `--json` prints them and as the UI receives them (a public contract).
 */
import { z } from 'zod';
import { NameSourceSchema } from '../model/model';

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SOA', 'SRV', 'PTR', 'CAA'] as const;
export const DnsRecordTypeSchema = z.enum(DNS_RECORD_TYPES);
export type DnsRecordType = z.infer<typeof DnsRecordTypeSchema>;

export const DnsErrorCodeSchema = z.enum([
  'NXDOMAIN',
  'NODATA',
  'SERVFAIL',
  'REFUSED',
  'TIMEOUT',
  'UNREACHABLE',
  'BADNAME',
]);
export type DnsErrorCode = z.infer<typeof DnsErrorCodeSchema>;

export const DnsRecordSchema = z.object({
  type: DnsRecordTypeSchema,
  value: z.string(),
  /** null where the resolver does not report one (system resolver, hosts file). */
  ttl: z.number().int().nullable(),
  priority: z.number().int().optional(),
  weight: z.number().int().optional(),
  port: z.number().int().optional(),
  /** PTR records only: whether a forward lookup of the name gives back the address. */
  confirmed: z.boolean().optional(),
});
export type DnsRecord = z.infer<typeof DnsRecordSchema>;

export const DnsErrorSchema = z.object({ code: DnsErrorCodeSchema, message: z.string() });
export type DnsError = z.infer<typeof DnsErrorSchema>;

/** A name for an address, with its source (DNS PTR, hosts file, system resolver). */
export const DnsNameSchema = z.object({
  name: z.string(),
  source: NameSourceSchema,
  /** The name resolves forward to the address again (for hosts-file names: by construction). */
  confirmed: z.boolean(),
});
export type DnsName = z.infer<typeof DnsNameSchema>;

export const DnsSystemAnswerSchema = z.object({
  source: z.enum(['hosts-file', 'system-resolver']),
  /** Addresses (forward lookups) or names (reverse lookups). */
  values: z.array(z.string()),
  error: DnsErrorSchema.nullable(),
  /** Whether this differs from the DNS answer (another set of addresses or names). */
  differs: z.boolean(),
  elapsedMs: z.number(),
});
export type DnsSystemAnswer = z.infer<typeof DnsSystemAnswerSchema>;

export const DnsResultSchema = z.object({
  query: z.string(),
  type: DnsRecordTypeSchema,
  /** The server that answered, `HOST:PORT`, or `system` for the system resolver. */
  server: z.string(),
  elapsedMs: z.number(),
  answers: z.array(DnsRecordSchema),
  error: DnsErrorSchema.nullable(),
  /** Served from the resolver's cache (TTLs then count down from when it was stored). */
  cached: z.boolean().optional(),
  /** Reverse lookups: every name found for the address, where it came from and whether it is confirmed. */
  names: z.array(DnsNameSchema).optional(),
  /** What the system resolver (getaddrinfo/getnameinfo, which honour the hosts file) says, for A, AAAA and reverse lookups. */
  system: DnsSystemAnswerSchema.optional(),
});
export type DnsResult = z.infer<typeof DnsResultSchema>;
