/**
 * Menu items that act on what the window shows (Open…, Export…) are carried out by the renderer,
 * which knows the current snapshot and filter: main only tells it which command was chosen.
 */
import { BrowserWindow, type BaseWindow } from 'electron';
import { IPC_EVENT_CHANNEL, type ApiEvent, type MenuCommand } from '../common/contract/api';

/** Ask the window the menu was used in (else the focused one) to carry out `command`. */
export function sendMenuCommand(win: BaseWindow | undefined, command: MenuCommand): void {
  const target =
    (win && 'webContents' in win ? (win as BrowserWindow) : undefined) ??
    BrowserWindow.getFocusedWindow() ??
    BrowserWindow.getAllWindows()[0];
  if (!target || target.webContents.isDestroyed()) return;
  const event: ApiEvent = { type: 'menu', command };
  target.webContents.send(IPC_EVENT_CHANNEL, JSON.stringify(event));
}
