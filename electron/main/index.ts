/**
 * The Electron main process: composition only. The app (service, settings, demo simulator)
 * is the same one the CLI and the browser host run; everything Electron-specific is an
 * adapter under ./shell.
 */
import { app, dialog, session } from 'electron';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HostProblem, PauseChoice, Snapshot } from '../../shared/contract/types';
import type { Result } from '../../shared/errors';
import { createApp } from './app/app';
import type { HostMethods, YoumiApp } from './app/types';
import { installE2EHook } from './shell/e2e-hook';
import { createElectronStateStore, createWindowSizeStore } from './shell/electron-store-adapter';
import { hardenApp, hardenSession, openExternalSafely } from './shell/hardening';
import { attachSnapshotFeed, registerIpc } from './shell/ipc';
import {
  applyLaunchAtLogin,
  becomeTrayApp,
  claimSingleInstance,
  setPlatformIdentity,
  startsHidden,
  watchPowerAndNetwork,
} from './shell/lifecycle';
import { hasTrayHost, planDesktop } from './shell/linux-desktop';
import { createShellLog } from './shell/log';
import { netFetchExchange } from './shell/net-fetch';
import { useHttpExchange } from './api/http';
import { createNotifier, type NativeNotifier } from './shell/notifications';
import { createSafeStorageVault } from './shell/secrets';
import { devRendererUrl, type RendererLocation } from './shell/security-policy';
import { createTray, type TrayController } from './shell/tray';
import { startSelfUpdate, type SelfUpdate, type UpdaterLike } from './shell/updater';
import { trayLanguage, type TrayCommand } from './shell/tray-model';
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
let notifier: NativeNotifier | null = null;
let selfUpdate: SelfUpdate | null = null;
let quitting = false;
let hostProblem: HostProblem | null = null;

// The app, once created: IPC and notification actions that arrive earlier (the page loads
// while the state is read; a cold start by a toast button) wait for it.
let appIsReady: (y: YoumiApp) => void = () => {};
let appFailed: (e: unknown) => void = () => {};
const appReady = new Promise<YoumiApp>((resolve, reject) => {
  appIsReady = resolve;
  appFailed = reject;
});
appReady.catch(() => {}); // reported once, by startupFailed

if (!claimSingleInstance(() => popup?.show())) {
  app.quit();
} else {
  // Electron only warns about a rejected promise and the process would live on, invisible,
  // holding the single-instance lock: say what failed and exit.
  app
    .whenReady()
    .then(main)
    .catch(startupFailed);
}

function startupFailed(e: unknown): void {
  appFailed(e);
  log.error('startup failed', e);
  const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 300);
  const english = /^en\b/i.test(app.getLocale());
  dialog.showErrorBox(
    english ? '友米待办 could not start' : '友米待办无法启动',
    `${english ? 'Reason' : '原因'}: ${reason}\n\n${english ? 'Log' : '日志'}: ${join(dataDir, 'logs', 'main.log')}`,
  );
  app.exit(1);
}

/** Said once per data directory: the banner on the first launch without a tray, the log always. */
function noTrayNoticeOnce(): void {
  const marker = join(dataDir, 'no-tray-noticed');
  if (existsSync(marker)) return;
  hostProblem = { kind: 'no-tray', platform: platformName() };
  try {
    writeFileSync(marker, new Date().toISOString());
  } catch (e) {
    log.line(`desktop: could not remember the no-tray notice: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const platformName = (): HostProblem['platform'] => (platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other');
/** The service's snapshot plus what only the host knows. */
const withHost = (s: Snapshot): Snapshot => (hostProblem ? { ...s, hostProblem } : s);

async function main(): Promise<void> {
  // API calls through Chromium's network stack: system proxy, PAC, OS certificates (net.md).
  useHttpExchange(netFetchExchange());
  becomeTrayApp(platform, app.getName());
  hardenSession(session.defaultSession, { renderer, log: log.line });
  const hidden = startsHidden(process.argv, platform);
  const desktop = await planDesktop(platform, process.env, process.argv, hasTrayHost);
  for (const reason of desktop.reasons) log.line(`desktop: ${reason}`);
  if (!desktop.tray) noTrayNoticeOnce();

  const lang = () => trayLanguage(youmi?.settings().language ?? 'system', app.getLocale());
  const e2e =
    process.env.YOUMI_E2E === '1'
      ? installE2EHook({
          tray: () => tray?.state ?? null,
          windowVisible: () => popup?.window.isVisible() ?? false,
          open: (id) => popup?.showOnTodo(id),
          demo: () => youmi?.demoInfo() ?? null,
          dispatch: async (m, a) => (await appReady).dispatch(m, a),
        })
      : null;
  if (e2e) e2eSnapshot = e2e.snapshot;

  // The window first, listening for ready-to-show at once: the event fires once, when the
  // page has painted, and the first sync may take longer than that (or never finish).
  popup = createPopupWindow({
    platform,
    preload: join(here, '../preload/index.cjs'),
    renderer,
    devTools: !app.isPackaged,
    trayBounds: () => tray?.bounds() ?? null,
    sizes: createWindowSizeStore(dataDir),
    log: log.line,
    style: desktop.style,
    hasTray: desktop.tray,
  });
  // Without a tray the window is the app: launched at login it waits minimised in the task bar.
  if (!hidden || !desktop.tray)
    popup.window.once('ready-to-show', () => {
      popup?.show();
      if (hidden) popup?.window.minimize();
    });

  registerIpc({
    dispatch: async (method, args) => {
      const r = await (await appReady).dispatch(method, args);
      return method === 'getSnapshot' && r.ok ? { ok: true, value: withHost(r.value as Snapshot) } : r;
    },
    isTrustedSender: (event) => popup?.isOurSender(event) ?? false,
    log: log.line,
  });

  notifier = createNotifier({
    platform,
    sound: () => youmi?.settings().sound ?? false,
    lang,
    // macOS shows the app's own icon; elsewhere the notification needs one.
    ...(platform === 'darwin' ? {} : { icon: join(resources, 'icon.png') }),
    onOpen: (todoId) => popup?.showOnTodo(todoId),
    // Typed by the contract, like the tray's calls; a cold start by a toast button waits for the app.
    call: async (method, ...args) => (await appReady).call(method, ...args),
    todoTitle: (id) => youmi?.todoTitle(id),
    onFailed: () => {
      if (hostProblem?.kind === 'notifications-failed') return;
      hostProblem = { kind: 'notifications-failed', platform: platformName() };
      if (youmi) onSnapshot(youmi.snapshot());
    },
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
  appIsReady(y);

  const onCommand = (command: TrayCommand) => {
    const done = (method: string) => (r: Result<unknown>) => {
      if (!r.ok) log.line(`tray: ${method} failed: ${r.error.kind} ${r.error.detail}`);
    };
    // Typed by the contract: a wrong method name or argument does not compile.
    const pause = (choice: PauseChoice) => void y.call('pause', choice).then(done('pause'));
    switch (command) {
      case 'open':
        return popup?.show();
      case 'new-todo':
        return popup?.showNewTodo();
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
      case 'check-update':
        return selfUpdate?.check();
      case 'install-update':
        return selfUpdate?.state === 'ready' ? void quit(() => selfUpdate?.install()) : undefined;
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
    ...(desktop.tray ? {} : { menuBarTitle: app.getName() }),
    update: () => selfUpdate?.state ?? null,
  });

  y.onSnapshot(onSnapshot);
  y.onReminder((r) => popup?.pushReminder(r));
  onSnapshot(y.snapshot());
  // The window gets a full snapshot per page load, then deltas (shell/ipc.ts).
  if (popup)
    attachSnapshotFeed(
      popup.window,
      {
        snapshot: () => withHost(y.snapshot()),
        onSnapshot: (l) => {
          windowSnapshots.add(l);
          return () => windowSnapshots.delete(l);
        },
      },
      { isTrustedSender: (event) => popup?.isOurSender(event) ?? false, log: log.line },
    );

  await y.start();
  watchPowerAndNetwork({ wake: (reason) => y.wake(reason), offline: () => y.snapshot().status.state === 'offline', log: log.line });
  applyLaunchAtLogin(y.settings(), loginContext);
  await startUpdates();

  e2e?.markReady();
  log.line(`started (${app.getVersion()}, ${platform}, data ${dataDir}${renderer.devUrl ? ', dev server' : ''})`);
}

/** The window's snapshot feed, while a page is loaded (it diffs and sends nothing otherwise). */
const windowSnapshots = new Set<(s: Snapshot) => void>();
function onSnapshot(snapshot: Snapshot): void {
  const s = withHost(snapshot);
  tray?.update(s);
  for (const l of windowSnapshots) l(s);
  // Only the todos of notifications still on screen are looked up (at most 100), not the list.
  if (youmi) notifier?.prune(youmi.todoDue);
  e2eSnapshot?.(s);
}
let e2eSnapshot: ((s: Snapshot) => void) | null = null;

/**
 * Packaged builds made with an update feed carry resources/app-update.yml (scripts/dist.mjs);
 * others (development, a build without a feed) have no update item at all.
 */
async function startUpdates(): Promise<void> {
  if (!app.isPackaged || !existsSync(join(process.resourcesPath, 'app-update.yml'))) return;
  try {
    // A CommonJS module: its exports arrive as `default`, and as named exports where Node's lexer finds them.
    const mod = await import('electron-updater');
    const updater: UpdaterLike | undefined = mod.autoUpdater ?? mod.default?.autoUpdater;
    if (!updater) throw new Error('electron-updater has no autoUpdater');
    selfUpdate = startSelfUpdate({ updater, log: log.line, onChange: () => tray?.refresh() });
  } catch (e) {
    log.line(`update: not available: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** `finish` replaces the final app.quit() (an update's quitAndInstall quits by itself). */
async function quit(finish?: () => void): Promise<void> {
  if (quitting) return;
  quitting = true;
  selfUpdate?.stop();
  popup?.allowClose();
  // A toast left on screen would outlive the app, and its buttons would start it again.
  notifier?.closeAll();
  // The state is written on every change; stopping only ends timers and sockets, so never wait long.
  await Promise.race([youmi?.stop(), new Promise((r) => setTimeout(r, 3000))]).catch((e: unknown) => log.error('stop failed', e));
  tray?.destroy();
  if (finish) finish();
  else app.quit();
}

// Quit from elsewhere (macOS logout, a signal, the OS): stop the app the same way first.
app.on('before-quit', (event) => {
  if (quitting) return;
  event.preventDefault();
  void quit();
});
