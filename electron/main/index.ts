/**
 * The Electron main process: composition only. The app (service, settings, demo simulator)
 * is the same one the CLI and the browser host run; everything Electron-specific is an
 * adapter under ./shell.
 */
import { app, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PauseChoice, Snapshot } from '../../shared/contract/types';
import type { Result } from '../../shared/errors';
import { createApp } from './app/app';
import type { HostMethods, YoumiApp } from './app/types';
import { installE2EHook } from './shell/e2e-hook';
import { createElectronStateStore, createWindowSizeStore } from './shell/electron-store-adapter';
import { hardenApp, hardenSession, openExternalSafely } from './shell/hardening';
import { registerIpc } from './shell/ipc';
import {
  applyLaunchAtLogin,
  becomeTrayApp,
  claimSingleInstance,
  setPlatformIdentity,
  startsHidden,
  watchPowerAndNetwork,
} from './shell/lifecycle';
import { createShellLog } from './shell/log';
import { createNotifier } from './shell/notifications';
import { createSafeStorageVault } from './shell/secrets';
import { devRendererUrl, type RendererLocation } from './shell/security-policy';
import { createTray, type TrayController } from './shell/tray';
import { isDue, trayLanguage, type TrayCommand } from './shell/tray-model';
import { createPopupWindow, type PopupWindow } from './shell/window';

const platform = process.platform;
const here = import.meta.dirname; // out/main (never redefine __dirname: electron-vite shims it)

/** --data-dir=DIR or YOUMI_DATA_DIR (tests, a second profile); otherwise Electron's userData. */
function dataDirFromArgs(): string | null {
  const flag = process.argv.find((a) => a.startsWith('--data-dir='));
  const dir = flag ? flag.slice('--data-dir='.length) : process.env.YOUMI_DATA_DIR;
  return dir ? resolve(dir) : null;
}

const customDataDir = dataDirFromArgs();
if (customDataDir) app.setPath('userData', customDataDir);
const dataDir = app.getPath('userData');
// The single-instance lock lives in userData and fails if the directory is missing (electron#33547).
mkdirSync(dataDir, { recursive: true });

const log = createShellLog({ dataDir, console: !app.isPackaged });
const renderer: RendererLocation = {
  devUrl: devRendererUrl(process.env, app.isPackaged),
  indexHtml: join(here, '../renderer/index.html'),
};
const resources = app.isPackaged ? process.resourcesPath : join(here, '../../build/icons');

setPlatformIdentity(platform, app.isPackaged);
hardenApp({ renderer, log: log.line });

let popup: PopupWindow | null = null;
let tray: TrayController | null = null;
let youmi: YoumiApp | null = null;
let quitting = false;

if (!claimSingleInstance(() => popup?.show())) {
  app.quit();
} else {
  app.whenReady().then(main, (e: unknown) => log.error('startup failed', e));
}

async function main(): Promise<void> {
  becomeTrayApp(platform, app.getName());
  hardenSession(session.defaultSession, { renderer, log: log.line });

  const lang = () => trayLanguage(youmi?.settings().language ?? 'system', app.getLocale());
  const e2e =
    process.env.YOUMI_E2E === '1'
      ? installE2EHook({
          tray: () => tray?.state ?? null,
          windowVisible: () => popup?.window.isVisible() ?? false,
          open: (id) => popup?.showOnTodo(id),
          demo: () => youmi?.demoInfo() ?? null,
          dispatch: (m, a) => youmi!.dispatch(m, a),
        })
      : null;

  const notifier = createNotifier({
    platform,
    sound: () => youmi?.settings().sound ?? false,
    lang,
    // macOS shows the app's own icon; elsewhere the notification needs one.
    ...(platform === 'darwin' ? {} : { icon: join(resources, 'icon.png') }),
    onOpen: (todoId) => popup?.showOnTodo(todoId),
    dispatch: (method, args) => youmi!.dispatch(method, args),
    log: log.line,
    ...(e2e ? { record: e2e.record } : {}),
  });

  const loginContext = {
    platform,
    packaged: app.isPackaged,
    execPath: process.execPath,
    appImage: process.env.APPIMAGE,
    configDir: process.env.XDG_CONFIG_HOME || join(homedir(), '.config'),
    log: log.line,
  };
  const host: HostMethods = {
    hideWindow: () => popup?.hide(),
    setPinned: (pinned) => popup?.setPinned(pinned),
    openExternal: (url) => openExternalSafely(url, log.line),
    applySettings: (settings) => applyLaunchAtLogin(settings, loginContext),
  };

  const y: YoumiApp = await createApp({
    dataDir,
    store: createElectronStateStore({ dataDir }),
    vault: createSafeStorageVault({ platform, onPlaintext: (s) => log.addSecret(s) }),
    notifier,
    host,
    log: log.line,
    // The tray and notifications follow the same locale (shared/language.ts decides).
    locales: () => [app.getLocale()],
  });
  youmi = y;

  popup = createPopupWindow({
    platform,
    preload: join(here, '../preload/index.cjs'),
    renderer,
    devTools: !app.isPackaged,
    trayBounds: () => tray?.bounds() ?? null,
    sizes: createWindowSizeStore(dataDir),
    log: log.line,
  });

  const onCommand = (command: TrayCommand) => {
    const done = (method: string) => (r: Result<unknown>) => {
      if (!r.ok) log.line(`tray: ${method} failed: ${r.error.kind} ${r.error.detail}`);
    };
    // Typed by the contract: a wrong method name or argument does not compile.
    const pause = (choice: PauseChoice) => void y.call('pause', choice).then(done('pause'));
    switch (command) {
      case 'open':
        return popup?.show();
      case 'settings':
        return popup?.showSettings();
      case 'refresh':
        return void y.call('refresh').then(done('refresh'));
      case 'pause-30m':
        return pause('30m');
      case 'pause-1h':
        return pause('1h');
      case 'pause-tomorrow':
        return pause('tomorrow');
      case 'resume':
        return pause('off');
      case 'quit':
        return void quit();
    }
  };
  tray = createTray({
    platform,
    iconDir: join(resources, 'tray'),
    lang,
    onCommand,
    onToggle: () => popup?.toggle(),
  });

  registerIpc({
    dispatch: (method, args) => y.dispatch(method, args),
    isTrustedSender: (event) => popup?.isOurSender(event) ?? false,
    log: log.line,
  });

  const onSnapshot = (s: Snapshot) => {
    tray?.update(s);
    popup?.pushSnapshot(s);
    const now = Date.now();
    const due = new Set(s.todos.filter((t) => isDue(t, now)).map((t) => t.id));
    notifier.prune((id) => due.has(id));
    e2e?.snapshot(s);
  };
  y.onSnapshot(onSnapshot);
  y.onReminder((r) => popup?.pushReminder(r));
  onSnapshot(y.snapshot());

  await y.start();
  watchPowerAndNetwork({ wake: (reason) => y.wake(reason), offline: () => y.snapshot().status.state === 'offline', log: log.line });
  applyLaunchAtLogin(y.settings(), loginContext);

  if (!startsHidden(process.argv, platform)) popup.window.once('ready-to-show', () => popup?.show());
  e2e?.markReady();
  log.line(`started (${app.getVersion()}, ${platform}, data ${dataDir}${renderer.devUrl ? ', dev server' : ''})`);
}

async function quit(): Promise<void> {
  if (quitting) return;
  quitting = true;
  popup?.allowClose();
  // The state is written on every change; stopping only ends timers and sockets, so never wait long.
  await Promise.race([youmi?.stop(), new Promise((r) => setTimeout(r, 3000))]).catch((e: unknown) => log.error('stop failed', e));
  tray?.destroy();
  app.quit();
}

// Quit from elsewhere (macOS logout, a signal, the OS): stop the app the same way first.
app.on('before-quit', (event) => {
  if (quitting) return;
  event.preventDefault();
  void quit();
});
