/**
 * Which address the window loads — and so which address IPC trusts (see ipc.ts). A packaged app
 * always loads its own files: an ELECTRON_RENDERER_URL in the environment of an installed
 * Sockeye (set by anyone who can start it) must not point the trusted window at another page.
 */
import { RENDERER_URL } from '../node/files/rendererResponse';

export function rendererUrlFor(isPackaged: boolean, devServerUrl: string | undefined): string {
  return !isPackaged && devServerUrl ? devServerUrl : RENDERER_URL;
}
