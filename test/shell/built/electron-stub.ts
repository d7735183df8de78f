// The fake electron module with the named exports the built bundle imports.
import { electronModule } from '../fake-electron';

export const {
  app,
  BrowserWindow,
  Tray,
  Menu,
  nativeImage,
  Notification,
  dialog,
  ipcMain,
  session,
  shell,
  safeStorage,
  screen,
  powerMonitor,
  net,
  nativeTheme,
  contextBridge,
  ipcRenderer,
} = electronModule;
export default electronModule;
