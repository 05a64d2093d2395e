/**
 * Where the history lives unless --db says otherwise: `$XDG_STATE_HOME/sockeye/history.db`
 * (`~/.local/state` when unset, as the XDG base-directory spec says). Electron passes its userData.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const HISTORY_FILE_NAME = 'history.db';

export function defaultHistoryPath(env: NodeJS.ProcessEnv = process.env): string {
  const state = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : null;
  return join(state ?? join(homedir(), '.local', 'state'), 'sockeye', HISTORY_FILE_NAME);
}
