/**
 * JSON export: the `sockeye.snapshot/1` document itself, which Sockeye opens again.
 */
import type { Snapshot } from '../model';
import { SNAPSHOT_SCHEMA } from '../snapshotSchemaName';

/** The snapshot as its JSON document (indented when `pretty`), ending in a newline. */
export function snapshotToJson(snapshot: Snapshot, pretty = true): string {
  // Field order of the schema, whatever order the object was built in, so files diff cleanly.
  const doc: Snapshot = {
    schema: SNAPSHOT_SCHEMA,
    takenAt: snapshot.takenAt,
    host: snapshot.host,
    interfaces: snapshot.interfaces,
    processes: snapshot.processes,
    sockets: snapshot.sockets,
    edges: snapshot.edges,
    dnsNames: snapshot.dnsNames,
    warnings: snapshot.warnings,
  };
  return JSON.stringify(doc, null, pretty ? 2 : undefined) + '\n';
}
