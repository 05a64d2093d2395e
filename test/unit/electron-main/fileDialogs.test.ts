/**
 * The desktop's Export and Open, proven without the Electron binary: `electron` is replaced by
 * recording fakes. Main owns both dialogs, writes atomically, validates what it opens, and the
 * renderer cannot hand it a path.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { snapshotToJson } from '../../../src/common/export/json';
import { sampleSnapshot } from '../../support/sampleSnapshot';

const h = vi.hoisted(() => ({
  saveAnswer: { canceled: false, filePath: '' as string | undefined },
  openAnswer: { canceled: false, filePaths: [] as string[] },
  saveCalls: [] as { win: unknown; options: Record<string, unknown> }[],
  openCalls: [] as { win: unknown; options: Record<string, unknown> }[],
  sent: [] as { channel: string; payload: string }[],
  ipcHandlers: new Map<string, (event: unknown, method: unknown, params: unknown) => Promise<unknown>>(),
  documents: '',
}));

vi.mock('electron', () => {
  const win = {
    webContents: {
      isDestroyed: () => false,
      send: (channel: string, payload: string) => h.sent.push({ channel, payload }),
    },
  };
  return {
    app: { getPath: () => h.documents, getVersion: () => '0.1.0', isPackaged: false },
    BrowserWindow: { getFocusedWindow: () => win, getAllWindows: () => [win] },
    dialog: {
      showSaveDialog: async (w: unknown, options: Record<string, unknown>) => (
        h.saveCalls.push({ win: w, options }),
        h.saveAnswer
      ),
      showOpenDialog: async (w: unknown, options: Record<string, unknown>) => (
        h.openCalls.push({ win: w, options }),
        h.openAnswer
      ),
      showMessageBox: async () => ({}),
    },
    ipcMain: {
      handle: (channel: string, fn: (e: unknown, m: unknown, p: unknown) => Promise<unknown>) =>
        h.ipcHandlers.set(channel, fn),
    },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (t: unknown) => t },
  };
});

import { createApiBackend } from '../../../src/node/api/apiHandlers';
import type { SnapshotService } from '../../../src/node/snapshot/snapshotService';
import { createFileDialogs, safeFileName } from '../../../src/electron-main/fileDialogs';
import { registerIpc } from '../../../src/electron-main/ipc';
import { buildMenuTemplate } from '../../../src/electron-main/menu';

const RENDERER = 'file:///opt/Sockeye/resources/app/out/renderer/index.html';
const dir = mkdtempSync(join(tmpdir(), 'sockeye-dialogs-'));
h.documents = dir;
const dialogs = createFileDialogs();
const ctx = { clientId: 'ipc-1', push: () => {} };
const exportParams = {
  format: 'csv' as const,
  scope: 'filtered' as const,
  masked: true,
  suggestedName: 'sockeye-h-1.csv',
  content: 'a,b\r\n1,2\r\n',
};

beforeEach(() => {
  h.saveCalls.length = 0;
  h.openCalls.length = 0;
  h.sent.length = 0;
});

describe('saveExport', () => {
  it('asks where with a dialog main owns, then writes the content there', async () => {
    const target = join(dir, 'picked.csv');
    h.saveAnswer = { canceled: false, filePath: target };
    await expect(dialogs.saveExport(exportParams, ctx)).resolves.toEqual({ saved: true, name: 'picked.csv' });
    expect(readFileSync(target, 'utf8')).toBe(exportParams.content);
    const opts = h.saveCalls[0]!.options;
    expect(opts.defaultPath).toBe(join(dir, 'sockeye-h-1.csv'));
    expect(opts.title).toBe('Export the filtered masked snapshot as CSV');
    expect(opts.filters).toEqual([{ name: 'CSV (spreadsheet)', extensions: ['csv'] }]);
    expect(h.saveCalls[0]!.win).toBeTruthy();
  });

  it('writes nothing when the user cancels', async () => {
    h.saveAnswer = { canceled: true, filePath: undefined };
    await expect(dialogs.saveExport(exportParams, ctx)).resolves.toEqual({ saved: false, name: null });
  });

  it('keeps a suggested name inside the default folder, whatever the renderer sends', async () => {
    expect(safeFileName('../../etc/passwd', 'json')).toBe('passwd.json');
    expect(safeFileName('..\\..\\boot.ini', 'html')).toBe('boot.ini.html');
    expect(safeFileName('a<b>:c|d?.csv', 'csv')).toBe('a_b_c_d_.csv');
    expect(safeFileName('...', 'csv')).toBe('sockeye-snapshot.csv');
    h.saveAnswer = { canceled: true, filePath: undefined };
    await dialogs.saveExport({ ...exportParams, suggestedName: '/etc/cron.d/evil' }, ctx);
    expect(h.saveCalls[0]!.options.defaultPath).toBe(join(dir, 'evil.csv'));
  });

  it('reports a failed write and leaves the old file whole', async () => {
    const target = join(dir, 'old.csv');
    writeFileSync(target, 'old export');
    // The chosen name is an existing folder's: the rename fails after the temporary file was written.
    const folder = join(dir, 'a-folder.csv');
    mkdirSync(folder);
    h.saveAnswer = { canceled: false, filePath: folder };
    await expect(dialogs.saveExport(exportParams, ctx)).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      message: expect.stringMatching(/any previous file there is intact/),
    });
    h.saveAnswer = { canceled: false, filePath: join(dir, 'missing-folder', 'x.csv') };
    await expect(dialogs.saveExport(exportParams, ctx)).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    expect(readFileSync(target, 'utf8')).toBe('old export');
  });
});

describe('openSnapshot', () => {
  it('reads and validates the file main picked', async () => {
    const file = join(dir, 'saved.json');
    writeFileSync(file, snapshotToJson(sampleSnapshot()));
    h.openAnswer = { canceled: false, filePaths: [file] };
    await expect(dialogs.openSnapshot({}, ctx)).resolves.toEqual({
      canceled: false,
      name: 'saved.json',
      snapshot: sampleSnapshot(),
      warnings: [],
    });
    expect(h.openCalls[0]!.options.properties).toEqual(['openFile']);
  });

  it('opens a file with bytes that are not UTF-8 and says so in its warnings, as the CLI does', async () => {
    const snap = sampleSnapshot();
    const text = snapshotToJson({ ...snap, host: { ...snap.host, hostname: 'hostXX' } });
    const at = text.indexOf('hostXX') + 4;
    const bytes = Buffer.from(text);
    bytes[at] = 0xff; // never valid in UTF-8
    bytes[at + 1] = 0xc3; // a lead byte without its continuation
    const file = join(dir, 'latin.json');
    writeFileSync(file, bytes);
    h.openAnswer = { canceled: false, filePaths: [file] };
    const r = (await dialogs.openSnapshot({}, ctx)) as {
      snapshot: { host: { hostname: string } };
      warnings?: string[];
    };
    expect(r.snapshot.host.hostname).toBe('host\ufffd\ufffd');
    expect(r.warnings).toEqual(['latin.json: the file is not valid UTF-8 (2 invalid sequences, shown as \ufffd)']);
  });

  it('answers a cancel with nothing, and a bad file with a clear message', async () => {
    h.openAnswer = { canceled: true, filePaths: [] };
    await expect(dialogs.openSnapshot({}, ctx)).resolves.toEqual({ canceled: true, name: null, snapshot: null });
    const bad = join(dir, 'cut.json');
    writeFileSync(bad, snapshotToJson(sampleSnapshot()).slice(0, 50));
    h.openAnswer = { canceled: false, filePaths: [bad] };
    await expect(dialogs.openSnapshot({}, ctx)).rejects.toMatchObject({
      code: 'INVALID_SNAPSHOT',
      message: 'cut.json: the file is truncated at byte 50: it ends before the JSON document does',
    });
  });
});

describe('over IPC', () => {
  // Only the dialogs are called here; the snapshot service is asked for nothing but its alert feed.
  const backend = createApiBackend({ snapshots: { onAlerts() {} } as unknown as SnapshotService, files: dialogs });
  registerIpc(backend, RENDERER);
  const event = {
    senderFrame: { url: RENDERER, parent: null },
    sender: { id: 7, once: () => {}, isDestroyed: () => false, send: () => {} },
  };

  it('refuses a renderer that tries to name the path', async () => {
    const save = (e: unknown, p: unknown) => h.ipcHandlers.get('sockeye:call')!(e, 'saveExport', p);
    await expect(save(event, { ...exportParams, path: '/etc/passwd' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    await expect(save(event, { ...exportParams, format: 'exe' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(h.saveCalls).toEqual([]);
  });

  it('passes a valid export through to the dialog', async () => {
    h.saveAnswer = { canceled: false, filePath: join(dir, 'via-ipc.csv') };
    const out = (await h.ipcHandlers.get('sockeye:call')!(event, 'saveExport', exportParams)) as {
      ok: boolean;
      json: string;
    };
    expect(out).toEqual({ ok: true, json: '{"saved":true,"name":"via-ipc.csv"}' });
  });

  it('says a live session is live', async () => {
    await expect(h.ipcHandlers.get('sockeye:call')!(event, 'source', {})).resolves.toEqual({
      ok: true,
      json: '{"kind":"live","name":null}',
    });
  });
});

describe('the File menu', () => {
  type Item = {
    label?: string;
    role?: string;
    accelerator?: string;
    click?: (item: unknown, win: unknown) => void;
    submenu?: Item[];
  };
  const file = (buildMenuTemplate(false, 'linux') as Item[]).find((m) => m.label === 'File')!.submenu!;

  it('has Open Snapshot… and Export… with their shortcuts, before Quit', () => {
    expect(file.map((i) => i.label ?? i.role)).toEqual(['Open Snapshot…', 'Export…', undefined, 'quit']);
    expect(file[0]!.accelerator).toBe('CmdOrCtrl+O');
    expect(file[1]!.accelerator).toBe('CmdOrCtrl+E');
  });

  it('tells the window which command was chosen', () => {
    const target = {
      webContents: {
        isDestroyed: () => false,
        send: (channel: string, payload: string) => h.sent.push({ channel, payload }),
      },
    };
    file[0]!.click!({}, target);
    file[1]!.click!({}, undefined); // no window given: the focused one
    expect(h.sent).toEqual([
      { channel: 'sockeye:event', payload: '{"type":"menu","command":"open"}' },
      { channel: 'sockeye:event', payload: '{"type":"menu","command":"export"}' },
    ]);
  });
});
