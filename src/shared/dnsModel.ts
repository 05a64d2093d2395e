/**
 * DNS answers as the CLI's `--json` prints them and as the UI receives them (a public contract).
 */
import { z } from 'zod';

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SOA', 'SRV', 'PTR', 'CAA'] as const;
export const DnsRecordTypeSchema = z.enum(DNS_RECORD_TYPES);
export type DnsRecordType = z.infer<typeof DnsRecordTypeSchema>;

export const DnsErrorCodeSchema = z.enum(['NXDOMAIN', 'NODATA', 'SERVFAIL', 'REFUSED', 'TIMEOUT', 'UNREACHABLE', 'BADNAME']);
export type DnsErrorCode = z.infer<typeof DnsErrorCodeSchema>;

export const DnsRecordSchema = z.object({
  type: DnsRecordTypeSchema,
  value: z.string(),
  /** null where the resolver does not report one (system resolver, hosts file). */
  ttl: z.number().int().nullable(),
  priority: z.number().int().optional(),
  weight: z.number().int().optional(),
  port: z.number().int().optional(),
});
export type DnsRecord = z.infer<typeof DnsRecordSchema>;

export const DnsErrorSchema = z.object({ code: DnsErrorCodeSchema, message: z.string() });
export type DnsError = z.infer<typeof DnsErrorSchema>;

export const DnsResultSchema = z.object({
  query: z.string(),
  type: DnsRecordTypeSchema,
  /** The server that answered, `HOST:PORT`, or `system` for the system resolver. */
  server: z.string(),
  elapsedMs: z.number(),
  answers: z.array(DnsRecordSchema),
  error: DnsErrorSchema.nullable(),
});
export type DnsResult = z.infer<typeof DnsResultSchema>;
