/**
 * Which process an action means. A pid alone is not enough: rows move during live refresh and
 * pids are reused, so the user confirms a pid together with its start time and executable, and
 * the action re-reads both just before it acts. Pure: the reading is done by the caller.
 */
export interface ProcessIdentity {
  pid: number;
  /** ISO 8601 start time as the collector reported it. */
  startedAt: string | null;
  /** Executable path, when the OS tells. */
  path: string | null;
}

/**
 * Two readings of a start time name the same process when they agree within one clock tick
 * (Linux counts start times in 10 ms ticks; both readings go through the same conversion).
 */
const START_TOLERANCE_MS = 10;

export type IdentityCheck = { same: true } | { same: false; gone: boolean; reason: string };

/**
 * Is `current` (read now) still the process the user confirmed (`expected`)? A start time is
 * required on both sides: without it a reused pid cannot be told apart, so the answer is no.
 */
export function checkIdentity(expected: ProcessIdentity, current: ProcessIdentity | null): IdentityCheck {
  if (current === null) return { same: false, gone: true, reason: `process ${expected.pid} has exited` };
  if (current.pid !== expected.pid)
    return { same: false, gone: false, reason: `pid ${current.pid} is not the pid ${expected.pid} confirmed` };
  if (expected.startedAt === null || current.startedAt === null)
    return {
      same: false,
      gone: false,
      reason: `cannot confirm pid ${expected.pid} is the same process: its start time is unknown`,
    };
  const a = Date.parse(expected.startedAt);
  const b = Date.parse(current.startedAt);
  if (!Number.isFinite(a) || !Number.isFinite(b) || Math.abs(a - b) > START_TOLERANCE_MS)
    return {
      same: false,
      gone: false,
      reason: `pid ${expected.pid} now belongs to another process (started ${current.startedAt}, not ${expected.startedAt}): the pid was reused`,
    };
  if (expected.path !== null && current.path !== null && expected.path !== current.path)
    return {
      same: false,
      gone: false,
      reason: `pid ${expected.pid} now runs ${current.path}, not ${expected.path}`,
    };
  return { same: true };
}
