/**
 * The desktop's history setting (record while the app runs: on by default), kept as a small JSON
 * file in the app's own folder and written atomically. An unreadable or foreign file reads as the
 * default and is replaced only when the user changes the setting.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomicWrite';

export const HISTORY_SETTINGS_FILE = 'history-settings.json';

export interface HistorySettings {
  record: boolean;
}

export async function readHistorySettings(folder: string): Promise<HistorySettings> {
  try {
    const parsed = JSON.parse(await readFile(join(folder, HISTORY_SETTINGS_FILE), 'utf8')) as Partial<HistorySettings>;
    return { record: typeof parsed.record === 'boolean' ? parsed.record : true };
  } catch {
    return { record: true };
  }
}

export async function writeHistorySettings(folder: string, settings: HistorySettings): Promise<void> {
  await writeFileAtomic(join(folder, HISTORY_SETTINGS_FILE), JSON.stringify(settings) + '\n');
}
