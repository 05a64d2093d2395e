/**
 * Export and Open for the desktop app. The main process owns both dialogs: the renderer hands
 * over export content and a suggested name, never a path, and receives an opened snapshot only
 * after main has checked its size and validated it. Exports are written atomically.
 */
import { app, BrowserWindow, dialog, type SaveDialogOptions, type OpenDialogOptions } from 'electron';
import { basename, join } from 'node:path';
import { ApiError } from '../common/contract/api';
import type { ExportFormat } from '../common/export/formats';
import { writeFileAtomic } from '../node/files/atomicWrite';
import type { FileDialogs } from '../node/api/apiHandlers';
import { readSnapshotFile } from '../node/files/readSnapshotFile';

const FILTER_NAMES: Record<ExportFormat, string> = {
  json: 'Sockeye snapshot (JSON)',
  csv: 'CSV (spreadsheet)',
  html: 'HTML report',
};

/** A bare file name for the dialog's default: no folders, no characters a file system refuses, the format's extension. */
export function safeFileName(suggested: string, format: ExportFormat): string {
  const bare = suggested.split(/[\\/]/).pop() ?? '';
  let name = bare
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f<>:"|?*]+/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 150);
  if (!name) name = 'sockeye-snapshot';
  return name.toLowerCase().endsWith(`.${format}`) ? name : `${name}.${format}`;
}

function parentWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? undefined;
}

function defaultFolder(): string {
  try {
    return app.getPath('documents');
  } catch {
    return app.getPath('home');
  }
}

export function createFileDialogs(): FileDialogs {
  return {
    saveExport: async ({ format, scope, masked, suggestedName, content }) => {
      const what = `${scope === 'filtered' ? 'filtered ' : ''}${masked ? 'masked ' : ''}snapshot`;
      const options: SaveDialogOptions = {
        title: `Export the ${what} as ${format.toUpperCase()}`,
        defaultPath: join(defaultFolder(), safeFileName(suggestedName, format)),
        filters: [{ name: FILTER_NAMES[format], extensions: [format] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = parentWindow();
      const picked = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (picked.canceled || !picked.filePath) return { saved: false, name: null };
      try {
        await writeFileAtomic(picked.filePath, content);
      } catch (err) {
        throw new ApiError(err instanceof Error ? err.message : String(err), 'WRITE_FAILED');
      }
      return { saved: true, name: basename(picked.filePath) };
    },
    openSnapshot: async () => {
      const options: OpenDialogOptions = {
        title: 'Open a saved snapshot',
        filters: [
          { name: 'Sockeye snapshot (JSON)', extensions: ['json'] },
          { name: 'All files', extensions: ['*'] },
        ],
        properties: ['openFile'],
      };
      const win = parentWindow();
      const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      const path = picked.filePaths[0];
      if (picked.canceled || !path) return { canceled: true, name: null, snapshot: null };
      const opened = await readSnapshotFile(path);
      if (!opened.ok) throw new ApiError(opened.error, 'INVALID_SNAPSHOT');
      // The same warnings the CLI prints (bytes that are not UTF-8): the window shows them.
      return { canceled: false, name: opened.name, snapshot: opened.snapshot, warnings: opened.warnings };
    },
  };
}
