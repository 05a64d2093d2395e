/**
 * JSON export: the `sockeye.snapshot/1` document itself, which Sockeye opens again.
 */
import type { Snapshot } from '../model/model';
import { SNAPSHOT_SCHEMA } from '../model/snapshotSchemaName';

/** Field order of the schema, whatever order the object was built in, so files diff cleanly. */
function inSchemaOrder(snapshot: Snapshot): Snapshot {
  return {
    schema: SNAPSHOT_SCHEMA,
    takenAt: snapshot.takenAt,
    host: snapshot.host,
    interfaces: snapshot.interfaces,
    processes: snapshot.processes,
    sockets: snapshot.sockets,
    edges: snapshot.edges,
    dnsNames: snapshot.dnsNames,
    warnings: snapshot.warnings,
    ...(snapshot.traffic !== undefined ? { traffic: snapshot.traffic } : null),
    ...(snapshot.unixSockets ? { unixSockets: snapshot.unixSockets } : {}),
    ...(snapshot.unixEdges ? { unixEdges: snapshot.unixEdges } : {}),
    ...(snapshot.namespaces ? { namespaces: snapshot.namespaces } : {}),
    ...(snapshot.published ? { published: snapshot.published } : {}),
  };
}

/** The snapshot as its JSON document (indented when `pretty`), ending in a newline. */
export function snapshotToJson(snapshot: Snapshot, pretty = true): string {
  return JSON.stringify(inSchemaOrder(snapshot), null, pretty ? 2 : undefined) + '\n';
}

/** Sockets per piece: ~70 KB of text, under V8's large-object size, so each piece reuses young memory. */
const SOCKETS_PER_PIECE = 256;

/**
 * The compact document (`snapshotToJson(snapshot, false)`, character for character) in pieces of
 * a few hundred sockets, for writing as it is made. Whole, 20,000 sockets make a 5.5 MB string,
 * then a 5.5 MB buffer to write it: fresh memory that the benchmark machine takes ~4 ms per MB
 * to map in (measured: 60 ms of a CLI run went to it), where pieces reuse the same few pages.
 */
export function* snapshotJsonPieces(snapshot: Snapshot, perPiece = SOCKETS_PER_PIECE): Generator<string> {
  const { sockets, edges, dnsNames, warnings, traffic, unixSockets, unixEdges, namespaces, published, ...head } =
    inSchemaOrder(snapshot);
  // '{"schema":…,"processes":[…]' — an object's text always ends in '}'.
  yield `${JSON.stringify(head).slice(0, -1)},"sockets":[`;
  for (let at = 0; at < sockets.length; at += perPiece) {
    const piece = JSON.stringify(sockets.slice(at, at + perPiece)).slice(1, -1);
    yield at === 0 ? piece : `,${piece}`;
  }
  // '],"edges":[…],"dnsNames":[…],"warnings":[…]}' — and an object's text always starts with '{'.
  const tail = {
    edges,
    dnsNames,
    warnings,
    ...(traffic !== undefined ? { traffic } : {}),
    ...(unixSockets ? { unixSockets } : {}),
    ...(unixEdges ? { unixEdges } : {}),
    ...(namespaces ? { namespaces } : {}),
    ...(published ? { published } : {}),
  };
  yield `],${JSON.stringify(tail).slice(1)}\n`;
}
