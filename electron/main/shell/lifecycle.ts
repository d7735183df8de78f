/**
 * Process-level behaviour of a tray app: one instance, an identity Windows toasts accept,
 * no dock/taskbar entry, no quitting when the window closes, launch at login (hidden), and
 * a wake-up for the service after sleep, unlock and network return.
 */
import { app, Menu, net, powerMonitor } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublicSettings } from '../../../shared/contract/types';

/** Must equal electron-builder's appId: Windows matches toasts to the Start-menu shortcut by it. */
export const APP_USER_MODEL_ID = 'com.youmi.todo';
/**
 * Fixed for the life of the product: Windows routes toast button presses to the COM class
 * with this id, registered on the shortcut. A new id per run would lose actions on toasts
 * still in the Action Center.
 */
export const TOAST_ACTIVATOR_CLSID = '{FDDF9665-7B42-4D3B-87BB-AF41B17D7CEB}';
export const HIDDEN_FLAG = '--hidden';

/**
 * Before 'ready'. Windows: the CLSID first, so it is part of the registration the AUMID
 * creates (Mailspring#2689). A development run has no Start-menu shortcut carrying the
 * appId, so there the AUMID is the Electron binary's path, which Windows accepts for toasts.
 */
export function setPlatformIdentity(platform: NodeJS.Platform, packaged = true, execPath = process.execPath): void {
  if (platform !== 'win32') return;
  app.setToastActivatorCLSID(TOAST_ACTIVATOR_CLSID);
  app.setAppUserModelId(packaged ? APP_USER_MODEL_ID : execPath);
}

/**
 * Takes the single-instance lock. False means another instance runs: it has been told (it
 * shows its window) and this process should quit. `userData` must already point at an
 * existing directory (electron#33547).
 */
export function claimSingleInstance(onSecondInstance: (argv: string[]) => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, argv) => onSecondInstance(argv));
  return true;
}

/** Started by the login item (or asked to start in the tray only). */
export function startsHidden(argv: readonly string[], platform: NodeJS.Platform): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  if (platform !== 'darwin') return false;
  try {
    return app.getLoginItemSettings().wasOpenedAtLogin === true;
  } catch {
    return false;
  }
}

/** After 'ready'. */
export function becomeTrayApp(platform: NodeJS.Platform, appName: string): void {
  if (platform === 'darwin') {
    app.dock?.hide();
    // No Quit item (quitting is the tray's 退出), but an Edit menu so ⌘C/⌘V/⌘A work in text fields.
    Menu.setApplicationMenu(Menu.buildFromTemplate([{ label: appName, submenu: [{ role: 'hide' }] }, { role: 'editMenu' }]));
  } else {
    Menu.setApplicationMenu(null);
  }
  // With a listener, closing the last window no longer quits the app.
  app.on('window-all-closed', () => {});
}

// ---------------------------------------------------------------------------------------
// Launch at login.

export interface LoginContext {
  platform: NodeJS.Platform;
  packaged: boolean;
  execPath: string;
  /** Linux AppImage: the image's own path (process.env.APPIMAGE), since execPath is a temporary mount. */
  appImage?: string | undefined;
  /** XDG config dir (~/.config) on Linux. */
  configDir: string;
  log: (line: string) => void;
}

/** A freedesktop autostart entry; arguments quoted per the Desktop Entry spec. */
export function linuxAutostartEntry(exec: string, name: string): string {
  const quoted = `"${exec.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${name}`,
    `Exec=${quoted} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=true',
    '',
  ].join('\n');
}

export function applyLaunchAtLogin(settings: Pick<PublicSettings, 'launchAtLogin'>, ctx: LoginContext): void {
  // A development run would register the bare Electron binary as a login item.
  if (!ctx.packaged) {
    ctx.log(`login item: ${settings.launchAtLogin ? 'on' : 'off'} (not applied to a development build)`);
    return;
  }
  const on = settings.launchAtLogin;
  if (ctx.platform === 'linux') {
    const file = join(ctx.configDir, 'autostart', `${APP_USER_MODEL_ID}.desktop`);
    try {
      if (on) {
        mkdirSync(join(ctx.configDir, 'autostart'), { recursive: true });
        writeFileSync(file, linuxAutostartEntry(ctx.appImage || ctx.execPath, app.getName()));
      } else {
        rmSync(file, { force: true });
      }
    } catch (e) {
      ctx.log(`login item: ${e instanceof Error ? e.message : String(e)}`);
    }
    return;
  }
  if (ctx.platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: on, path: ctx.execPath, args: [HIDDEN_FLAG] });
  } else {
    // macOS 13+ (SMAppService) passes no arguments: startsHidden() reads wasOpenedAtLogin instead.
    app.setLoginItemSettings({ openAtLogin: on });
  }
}

// ---------------------------------------------------------------------------------------
// Sleep, lock and network.

export type WakeReason = 'resume' | 'unlock' | 'online';

export interface PowerDeps {
  wake: (reason: WakeReason) => void;
  /** Whether the service currently believes it is offline; the network is polled only then. */
  offline: () => boolean;
  log: (line: string) => void;
  pollMs?: number;
}

/** After 'ready' (powerMonitor events registered earlier are lost, electron#32576). */
export function watchPowerAndNetwork(deps: PowerDeps): () => void {
  const resume = () => {
    deps.log('power: resume');
    deps.wake('resume');
  };
  const unlock = () => {
    deps.log('power: unlock-screen');
    deps.wake('unlock');
  };
  powerMonitor.on('resume', resume);
  powerMonitor.on('unlock-screen', unlock);
  // Electron has no online event in main; net.isOnline() is a cheap local check, asked only while offline.
  let wasOnline = true;
  const poll = setInterval(() => {
    if (!deps.offline()) {
      wasOnline = true;
      return;
    }
    const online = net.isOnline();
    if (online && !wasOnline) {
      deps.log('network: back online');
      deps.wake('online');
    }
    wasOnline = online;
  }, deps.pollMs ?? 5000);
  poll.unref?.();
  return () => {
    clearInterval(poll);
    powerMonitor.off('resume', resume);
    powerMonitor.off('unlock-screen', unlock);
  };
}
