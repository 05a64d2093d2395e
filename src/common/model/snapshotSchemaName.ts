/**
 * The snapshot document's schema name, apart from model.ts so the code that builds or writes a
 * snapshot (the CLI's hot path) need not load zod just for this string.
 */

/** The `schema` field of every `sockeye.snapshot/1` document. */
export const SNAPSHOT_SCHEMA = 'sockeye.snapshot/1' as const;
