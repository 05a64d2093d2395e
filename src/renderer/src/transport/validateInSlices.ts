/**
 * Validates a whole snapshot against the shared schema in slices of sockets, one task each, so
 * that 20k sockets (100–300 ms of zod in one go) never freeze the page. Same result as
 * `SnapshotSchema.safeParse`: the parsed snapshot, or the first problem found.
 */
import { SnapshotSchema, SocketSchema, type Snapshot } from '../../../common/model/model';

/** Sockets per task: ~10–25 ms of validation each here. */
const SLICE = 2000;

const SocketsSchema = SocketSchema.array();

export type SlicedValidation = { ok: true; snapshot: Snapshot } | { ok: false; message: string };

/** The next task: a MessageChannel message, not setTimeout (which browsers clamp to ≥ 4 ms when nested). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

function firstIssue(error: { issues: { message: string; path: PropertyKey[] }[] }, offset: number): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = offset >= 0 ? ['sockets', offset + Number(issue.path[0] ?? 0), ...issue.path.slice(1)] : issue.path;
  return path.length ? `${issue.message} (at ${path.map(String).join('.')})` : issue.message;
}

export async function validateSnapshotInSlices(raw: unknown): Promise<SlicedValidation> {
  await nextTask();
  const sockets = typeof raw === 'object' && raw !== null ? (raw as { sockets?: unknown }).sockets : undefined;
  if (!Array.isArray(sockets)) {
    const whole = SnapshotSchema.safeParse(raw);
    return whole.success ? { ok: true, snapshot: whole.data } : { ok: false, message: firstIssue(whole.error, -1) };
  }
  // Everything but the sockets first (small), then the sockets slice by slice.
  const head = SnapshotSchema.safeParse({ ...(raw as object), sockets: [] });
  if (!head.success) return { ok: false, message: firstIssue(head.error, -1) };
  const out: Snapshot['sockets'] = new Array(sockets.length);
  for (let from = 0; from < sockets.length; from += SLICE) {
    await nextTask();
    const slice = SocketsSchema.safeParse(sockets.slice(from, from + SLICE));
    if (!slice.success) return { ok: false, message: firstIssue(slice.error, from) };
    for (let i = 0; i < slice.data.length; i++) out[from + i] = slice.data[i]!;
  }
  return { ok: true, snapshot: { ...head.data, sockets: out } };
}
