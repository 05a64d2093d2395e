/**
 * The action log: one JSON line per action, done or refused, in the user's state folder
 * ($XDG_STATE_HOME/sockeye, else ~/.local/state/sockeye; the desktop app's userData folder).
 * Each entry is one append of a whole line (O_APPEND, so the CLI, `serve` and the app can write
 * at once without interleaving), flushed before the action's answer goes out. A line torn by a
 * crash is skipped when reading, never the ones before it. Past 1 MiB the log moves to
 * actions.jsonl.1 (a rename: whole or not at all) and a new one starts.
 */
import { promises as fsp } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ActionLogEntrySchema, type ActionLogEntry } from '../../common/actions/actionApi';

export const ACTION_LOG_NAME = 'actions.jsonl';
const ROTATE_BYTES = 1024 * 1024;

/** Where the CLI and `sockeye serve` keep their state. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'sockeye');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'sockeye');
  const base = env.XDG_STATE_HOME && env.XDG_STATE_HOME.startsWith('/') ? env.XDG_STATE_HOME : null;
  return join(base ?? join(homedir(), '.local', 'state'), 'sockeye');
}

export class ActionLog {
  readonly path: string;

  constructor(readonly dir: string) {
    this.path = join(dir, ACTION_LOG_NAME);
  }

  async append(entry: ActionLogEntry): Promise<void> {
    await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const size = await fsp.stat(this.path).then(
      (s) => s.size,
      () => 0,
    );
    if (size > ROTATE_BYTES) await fsp.rename(this.path, `${this.path}.1`).catch(() => {});
    const file = await fsp.open(this.path, 'a', 0o600);
    try {
      await file.write(JSON.stringify(entry) + '\n');
      await file.datasync();
    } finally {
      await file.close();
    }
  }

  /** The newest `limit` entries, newest first; unreadable or torn lines are skipped. */
  async read(limit = 200): Promise<ActionLogEntry[]> {
    const entries: ActionLogEntry[] = [];
    for (const path of [this.path, `${this.path}.1`]) {
      const text = await fsp.readFile(path, 'utf8').catch(() => '');
      const lines = text.split('\n');
      for (let i = lines.length - 1; i >= 0 && entries.length < limit; i--) {
        const line = lines[i]!.trim();
        if (!line) continue;
        try {
          const parsed = ActionLogEntrySchema.safeParse(JSON.parse(line));
          if (parsed.success) entries.push(parsed.data);
        } catch {
          /* a torn line: skipped */
        }
      }
      if (entries.length >= limit) break;
    }
    return entries;
  }
}
