/**
 * The fleet document (`sockeye.fleet/1`): several hosts' snapshots read side by side, with the
 * connections that cross from one host to another. Each host stays the authority for its own
 * snapshot; the fleet is a stateless reading of them, made again each time it is asked for.
 * Field names are a public contract (`sockeye fleet --json`, the UI's Fleet page).
 */
import { z } from 'zod';
import { ProtocolSchema } from '../model/model';

export const FLEET_SCHEMA = 'sockeye.fleet/1';

const port = z.number().int().min(0).max(65535);

/** A listener a host offers: one per process, protocol and port. */
export const FleetServiceSchema = z.object({
  pid: z.number().int().nullable(),
  process: z.string(),
  protocol: ProtocolSchema,
  port,
  /** Bound to loopback only: no other host of the fleet can reach it. */
  loopbackOnly: z.boolean(),
});
export type FleetService = z.infer<typeof FleetServiceSchema>;

export const FleetHostSchema = z.object({
  /** `host.id` of its snapshot (machine id), else `hostname@source` (files from before ids); null when it never answered. */
  id: z.string().nullable(),
  hostname: z.string().nullable(),
  /** Where it was read from, as given, with any `token=` value replaced by `***`. */
  source: z.string(),
  ok: z.boolean(),
  /** Why it could not be read, one line; null when ok. */
  error: z.string().nullable(),
  takenAt: z.string().nullable(),
  processes: z.number().int().min(0),
  sockets: z.number().int().min(0),
  /** What it serves (listeners), sorted by port. */
  serves: z.array(FleetServiceSchema),
  /** Cross-host connections it opens (as client) and accepts (as server), in this fleet. */
  clientConnections: z.number().int().min(0),
  serverConnections: z.number().int().min(0),
  /** Its connections to remote endpoints no host of the fleet owns (NAT, proxies, the world). */
  unmatchedConnections: z.number().int().min(0),
});
export type FleetHost = z.infer<typeof FleetHostSchema>;

/**
 * Process A on host A uses process B's port P on host B over `count` connections. An unmatched
 * edge (`serverHost` null) is a remote endpoint no host of the fleet owns, kept as it was seen.
 */
export const FleetEdgeSchema = z.object({
  clientHost: z.string(),
  clientPid: z.number().int(),
  clientProcess: z.string(),
  serverHost: z.string().nullable(),
  serverPid: z.number().int().nullable(),
  serverProcess: z.string().nullable(),
  protocol: ProtocolSchema,
  port,
  count: z.number().int().min(1),
  /** How many of the `count` connections the server's own table confirms (it holds the accepted end). */
  confirmed: z.number().int().min(0),
  /** No host of the fleet owns the remote address (or more than one does, and neither confirms it). */
  unmatched: z.boolean(),
  /** The address the client dialed; set on unmatched edges, null on matched ones. */
  remoteAddress: z.string().nullable(),
  /** Why an unmatched edge stayed unmatched. */
  reason: z.string().nullable(),
});
export type FleetEdge = z.infer<typeof FleetEdgeSchema>;

export const FleetSchema = z.object({
  schema: z.literal(FLEET_SCHEMA),
  hosts: z.array(FleetHostSchema),
  edges: z.array(FleetEdgeSchema),
});
export type Fleet = z.infer<typeof FleetSchema>;
