/** The signals Sockeye offers for stopping a process, by the names `kill -l` uses. */
export const STOP_SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGKILL'] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

/** `TERM`, `sigterm`, `SIGTERM` → `SIGTERM`; null for anything else. */
export function parseStopSignal(name: string): StopSignal | null {
  const upper = name.trim().toUpperCase();
  const full = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  return (STOP_SIGNALS as readonly string[]).includes(full) ? (full as StopSignal) : null;
}

/** Default wait between the polite signal and the offer (UI) or sending (CLI --force) of SIGKILL. */
export const DEFAULT_STOP_TIMEOUT_MS = 5000;
