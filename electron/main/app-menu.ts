import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * macOS needs an application menu for Quit and for the clipboard shortcuts (Edit menu roles).
 * Windows and Linux get none, which also removes reload and devtools shortcuts from the release app.
 */
export function installAppMenu(platform: NodeJS.Platform, development: boolean): void {
  const template: MenuItemConstructorOptions[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' }, { role: 'editMenu' });
  if (development) template.push({ role: 'viewMenu' });
  if (platform === 'darwin') template.push({ role: 'windowMenu' });
  Menu.setApplicationMenu(template.length ? Menu.buildFromTemplate(template) : null);
}
