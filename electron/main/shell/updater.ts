/**
 * Self-update with electron-updater, quietly: a check at start and every 24 h, the download
 * in the background, and the result only in the tray menu (检查更新 / 正在下载 / 重启以更新).
 * Never a dialog or a notification about it: a staff member in the middle of triage is not
 * interrupted; the update installs when they choose 重启以更新, or at the next quit
 * (autoInstallOnAppQuit). The feed (generic URL or GitHub releases) is baked into the
 * package's app-update.yml by `npm run dist` (scripts/dist.mjs).
 */
import type { UpdateMenuState } from './tray-model';

/** The part of electron-updater's AppUpdater used here (and faked in tests). */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'checking-for-update' | 'update-not-available' | 'update-cancelled', fn: () => void): unknown;
  on(event: 'update-available' | 'update-downloaded', fn: (info: { version: string }) => void): unknown;
  on(event: 'download-progress', fn: (p: { percent: number }) => void): unknown;
  on(event: 'error', fn: (e: Error) => void): unknown;
}

export const CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

export interface UpdaterDeps {
  updater: UpdaterLike;
  log: (line: string) => void;
  /** The menu should be drawn again. */
  onChange: (state: UpdateMenuState) => void;
  every?: (fn: () => void, ms: number) => () => void;
}

export interface SelfUpdate {
  readonly state: UpdateMenuState;
  check(): void;
  /** Only from the user's 重启以更新: the caller stops the app first, then this installs and restarts. */
  install(): void;
  stop(): void;
}

export function startSelfUpdate(deps: UpdaterDeps): SelfUpdate {
  const u = deps.updater;
  u.autoDownload = true;
  u.autoInstallOnAppQuit = true;
  let state: UpdateMenuState = 'idle';
  const set = (next: UpdateMenuState) => {
    if (next === state) return;
    state = next;
    deps.onChange(state);
  };
  u.on('checking-for-update', () => {
    if (state !== 'ready') set('checking');
  });
  u.on('update-not-available', () => set('idle'));
  u.on('update-cancelled', () => set('idle'));
  u.on('update-available', (info) => {
    deps.log(`update: ${info.version} available, downloading`);
    set('downloading');
  });
  u.on('download-progress', () => set('downloading'));
  u.on('update-downloaded', (info) => {
    deps.log(`update: ${info.version} downloaded; installs on 重启以更新 or at quit`);
    set('ready');
  });
  u.on('error', (e) => {
    deps.log(`update: ${e.message.split('\n')[0]}`);
    if (state !== 'ready') set('idle');
  });

  const check = () => {
    if (state === 'checking' || state === 'downloading' || state === 'ready') return;
    u.checkForUpdates().catch((e: unknown) => {
      deps.log(`update: check failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      if (state !== 'ready') set('idle');
    });
  };
  const every =
    deps.every ??
    ((fn, ms) => {
      const t = setInterval(fn, ms);
      t.unref?.();
      return () => clearInterval(t);
    });
  const stopTimer = every(check, CHECK_EVERY_MS);
  check();

  return {
    get state() {
      return state;
    },
    check,
    install() {
      if (state === 'ready') u.quitAndInstall(false, true);
    },
    stop: stopTimer,
  };
}
