// Loaded before out/main/index.js: registers the electron hook, then waits for the app to
// report ready (YOUMI_E2E=1), prints what the shell showed as one JSON line, quits through
// the tray menu and exits.
import { register } from 'node:module';

register('./electron-loader.mjs', import.meta.url);

const started = Date.now();
const timer = setInterval(async () => {
  const hook = globalThis.__youmiE2E;
  if (!hook?.ready) {
    if (Date.now() - started > 20_000) {
      console.log(JSON.stringify({ error: 'not ready after 20 s' }));
      process.exit(1);
    }
    return;
  }
  clearInterval(timer);
  const electron = (await import('electron')).default;
  const { FakeBrowserWindow, FakeTray, ipcMain, fake } = await import('../fake-electron.ts');
  const win = FakeBrowserWindow.all[0];
  const tray = FakeTray.all[0];
  const snapshot = await ipcMain.invoke('youmi:invoke:getSnapshot', { sender: win.webContents, senderFrame: win.webContents.mainFrame });
  const out = {
    tray: hook.tray(),
    trayImageFile: tray.image.reps[0]?.path ?? null,
    handlers: [...ipcMain.handlers.keys()].length,
    loaded: win.loaded,
    visible: win.isVisible(),
    preload: win.options.webPreferences.preload,
    demo: hook.demo() !== null,
    snapshotOk: snapshot.ok,
    todos: snapshot.ok ? snapshot.value.todos.length : null,
    electronStoreIpc: ipcMain.listeners.has('electron-store-get-data'),
  };
  const quit = tray.contextMenu.items.find((i) => i.label === '退出');
  quit.click();
  const t0 = Date.now();
  while (!fake.calls.some((c) => c.name === 'app.quit') && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
  out.quit = fake.calls.some((c) => c.name === 'app.quit');
  void electron;
  console.log(`PROBE ${JSON.stringify(out)}`);
  process.exit(0);
}, 50);
