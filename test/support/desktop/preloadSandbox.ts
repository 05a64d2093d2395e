/**
 * The renderer side of the Electron stand-in: runs the built preload (out/preload/index.cjs) the
 * way a sandboxed Electron renderer does — a CommonJS wrapper whose `require` knows only
 * `electron` (contextBridge, ipcRenderer), `events`, `timers` and `url`, and a `process` with a
 * few fields — and gives it an ipcRenderer whose calls cross to the main process over the
 * structured-clone channel. Anything else of Electron throws. Which frame made a call (for
 * `event.senderFrame` in main) travels in an AsyncLocalStorage set by the page bridge.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import events from 'node:events';
import { readFileSync } from 'node:fs';
import timers from 'node:timers';
import url from 'node:url';
import { compileFunction } from 'node:vm';
import type { FrameInfo } from './wire';

const HOME = 'test/support/desktop/preloadSandbox.ts';

function strict<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol' || prop === 'then' || prop === 'toJSON') return Reflect.get(t, prop, receiver);
      if (!(prop in t)) throw new Error(`Electron stand-in: ${name}.${prop} is not implemented (add it to ${HOME})`);
      return Reflect.get(t, prop, receiver);
    },
  });
}

export interface Exposure {
  key: string;
  api: Record<string, unknown>;
}

export interface PreloadLink {
  /** Send an invoke to main; resolves with its value or rejects with Electron's message. */
  invoke(channel: string, args: unknown[], frame: FrameInfo): Promise<unknown>;
  /** The frame to name as sender when no page call is under way (the main frame). */
  mainFrame(): FrameInfo;
}

/** Which frame's call is running (set by the bridge around each call into the preload's API). */
export const callingFrame = new AsyncLocalStorage<FrameInfo>();

type Listener = (event: unknown, ...args: unknown[]) => void;

export interface LoadedPreload {
  exposures: Exposure[];
  /** Deliver a webContents.send from main to the preload's ipcRenderer listeners. */
  deliver(channel: string, args: unknown[]): void;
}

/** Run the preload file once, for one document of one window. Throws what the preload throws. */
export function runPreload(file: string, link: PreloadLink): LoadedPreload {
  const exposures: Exposure[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer = strict('ipcRenderer', {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      return link.invoke(channel, args, callingFrame.getStore() ?? link.mainFrame());
    },
    on(channel: string, listener: Listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  });
  const contextBridge = strict('contextBridge', {
    exposeInMainWorld(key: string, api: unknown): void {
      if (exposures.some((e) => e.key === key))
        throw new Error(`Cannot bind an API on top of an existing property on the window object`);
      if (!api || typeof api !== 'object') throw new Error('contextBridge stand-in: only objects are bridged');
      exposures.push({ key, api: api as Record<string, unknown> });
    },
  });
  const electron = strict('electron (sandboxed renderer)', { contextBridge, ipcRenderer });
  const modules: Record<string, unknown> = { electron, events, timers, url };
  const sandboxRequire = (id: string) => {
    // Electron's sandboxed preloads get only these; anything else must be bundled into the preload.
    if (!Object.prototype.hasOwnProperty.call(modules, id)) throw new Error(`module not found: ${id}`);
    return modules[id];
  };
  const sandboxProcess = strict('process (sandboxed renderer)', {
    platform: process.platform,
    arch: process.arch,
    env: {},
    versions: { ...process.versions },
    type: 'renderer',
    sandboxed: true,
    contextIsolated: true,
  });
  const module = { exports: {} as unknown };
  const run = compileFunction(
    readFileSync(file, 'utf8'),
    ['exports', 'require', 'module', '__filename', '__dirname', 'process', 'global', 'Buffer'],
    { filename: file },
  );
  run(module.exports, sandboxRequire, module, file, '.', sandboxProcess, {}, Buffer);
  return {
    exposures,
    deliver(channel, args) {
      for (const l of [...(listeners.get(channel) ?? [])])
        l(strict('IpcRendererEvent', { sender: ipcRenderer }), ...args);
    },
  };
}
