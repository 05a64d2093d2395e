/**
 * Messages between the two halves of the Electron stand-in: the main process (the built
 * out/main/index.js in its own Node process, electronMain.ts as its `electron`) and the renderer
 * host in the test process (Chromium plus the built preload). They travel over Node's IPC channel
 * with `serialization: 'advanced'`, i.e. V8's structured clone — what Electron's IPC uses — so
 * a value that Electron could not send cannot be sent here either.
 */

export interface FrameInfo {
  /** The frame's URL as Electron would report it (sockeye://app/…, not the harness's http mapping). */
  url: string;
  /** The parent frame's URL; null for the main frame. */
  parentUrl: string | null;
}

export interface MenuNode {
  label: string | null;
  role: string | null;
  accelerator: string | null;
  type: string | null;
  submenu: MenuNode[] | null;
}

export type DialogKind = 'showSaveDialog' | 'showOpenDialog' | 'showMessageBox';
export type PermissionKind = 'request' | 'check' | 'device';

/** Main process → renderer host. */
export type FromMain =
  | { type: 'window'; wcId: number; options: Record<string, unknown> }
  | { type: 'load-url'; wcId: number; url: string }
  | { type: 'window-closed'; wcId: number }
  | { type: 'send'; wcId: number; channel: string; args: unknown[] }
  | { type: 'invoke-result'; id: number; ok: true; value: unknown }
  | { type: 'invoke-result'; id: number; ok: false; message: string }
  | { type: 'reply'; id: number; value: unknown; error?: string }
  | { type: 'dialog'; id: number; kind: DialogKind; options: unknown }
  | { type: 'open-external'; url: string }
  | { type: 'menu'; tree: MenuNode[] }
  | { type: 'schemes'; schemes: { scheme: string; privileges: Record<string, boolean> }[] }
  | { type: 'protocol-handled'; scheme: string }
  | { type: 'reload'; wcId: number }
  | { type: 'worker'; event: 'start' | 'exit'; threadId: number; url: string; code?: number }
  | { type: 'quit' }
  | { type: 'quit-done'; active: string[] }
  | { type: 'unsupported'; message: string };

/** Renderer host → main process. */
export type ToMain =
  | { type: 'start' }
  | { type: 'loaded'; wcId: number }
  | { type: 'load-failed'; wcId: number; message: string }
  | { type: 'invoke'; id: number; wcId: number; channel: string; args: unknown[]; frame: FrameInfo }
  | { type: 'will-navigate'; id: number; wcId: number; url: string }
  | { type: 'window-open'; id: number; wcId: number; url: string }
  | {
      type: 'protocol-request';
      id: number;
      url: string;
      method: string;
      headers: Record<string, string>;
    }
  | { type: 'permission'; id: number; kind: PermissionKind; permission: string; origin: string }
  | { type: 'dialog-answer'; id: number; value: unknown; error?: string }
  | { type: 'menu-click'; id: number; path: string[] }
  | { type: 'focus'; wcId: number };
