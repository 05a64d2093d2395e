import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { sendMenuCommand } from './menuCommands';

/** The app menu: the usual roles; developer tools only in development builds. */
export function buildMenuTemplate(
  isPackaged: boolean,
  platform: NodeJS.Platform = process.platform,
): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = {
    label: 'About Sockeye',
    click: () =>
      void dialog.showMessageBox({
        type: 'info',
        title: 'About Sockeye',
        message: `Sockeye ${app.getVersion()}`,
        detail: 'What is listening, who talks to whom, and which program is a client, a server, or both.',
      }),
  };
  const view: MenuItemConstructorOptions[] = [{ role: 'reload' }, { role: 'forceReload' }];
  if (!isPackaged) view.push({ role: 'toggleDevTools' });
  view.push(
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  );
  return [
    ...(platform === 'darwin'
      ? [{ label: 'Sockeye', submenu: [about, { type: 'separator' }, { role: 'quit' }] } as MenuItemConstructorOptions]
      : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Snapshot…', accelerator: 'CmdOrCtrl+O', click: (_item, win) => sendMenuCommand(win, 'open') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: (_item, win) => sendMenuCommand(win, 'export') },
        { type: 'separator' },
        { role: platform === 'darwin' ? 'close' : 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'copy' }, { role: 'selectAll' }] },
    { label: 'View', submenu: view },
    { label: 'Help', submenu: [about] },
  ];
}

export function installMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(app.isPackaged)));
}
