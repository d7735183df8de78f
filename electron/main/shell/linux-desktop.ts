/**
 * What a Linux desktop can do for a tray app, decided once at start.
 *
 * Wayland: Electron 38+ runs as a native Wayland client in a Wayland session
 * (docs/breaking-changes.md, 38.0). There a window cannot place itself (setPosition), stay
 * on top or leave the task bar, and cannot take focus without user input, so the frameless
 * popup next to the tray would open in a random place and vanish behind others. The
 * ozone platform is chosen before the main script runs (electron_main_delegate.cc,
 * PreSandboxStartup), so switching to XWayland from here is not possible. The honest
 * behaviour: on native Wayland the app uses a normal framed window in the task bar. Users
 * who want the popup start it with --ozone-platform=x11 (XWayland), which we detect.
 *
 * Tray: on Linux the tray is a StatusNotifierItem, shown only if a host owns
 * org.kde.StatusNotifierWatcher on the session bus; stock GNOME has none without the
 * AppIndicator extension. Without a host the app lives in a normal window (with the tray's
 * menu as its menu bar), and says so once.
 */
import { execFile } from 'node:child_process';

export type WindowStyle = 'popup' | 'window';

/** Whether Electron runs as a native Wayland client, from the switch it was given and the session. */
export function isNativeWayland(env: Record<string, string | undefined>, argv: readonly string[]): boolean {
  const flag = argv.find((a) => a.startsWith('--ozone-platform='))?.slice('--ozone-platform='.length);
  if (flag) return flag === 'wayland';
  const hint = env.ELECTRON_OZONE_PLATFORM_HINT;
  if (hint === 'x11') return false;
  return env.XDG_SESSION_TYPE === 'wayland' && (!!env.WAYLAND_DISPLAY || hint === 'wayland' || hint === 'auto' || hint === undefined);
}

/** gdbus's answer to NameHasOwner: "(true,)" or "(false,)". */
export function parseNameHasOwner(stdout: string): boolean | null {
  const m = /\(\s*(true|false)\s*,?\s*\)/.exec(stdout);
  return m ? m[1] === 'true' : null;
}

export type Exec = (file: string, args: string[], timeoutMs: number) => Promise<string>;

const execText: Exec = (file, args, timeoutMs) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });

/**
 * True/false when the session bus could be asked; null when it could not (no gdbus, no bus):
 * then the tray is assumed to work, as before.
 */
export async function hasTrayHost(exec: Exec = execText): Promise<boolean | null> {
  try {
    const out = await exec(
      'gdbus',
      [
        'call',
        '--session',
        '--dest',
        'org.freedesktop.DBus',
        '--object-path',
        '/org/freedesktop/DBus',
        '--method',
        'org.freedesktop.DBus.NameHasOwner',
        'org.kde.StatusNotifierWatcher',
      ],
      2000,
    );
    return parseNameHasOwner(out);
  } catch {
    return null;
  }
}

export interface DesktopPlan {
  /** popup: frameless, beside the tray, hidden on blur. window: framed, in the task bar. */
  style: WindowStyle;
  /** False: no tray icon; the tray's menu becomes the window's menu bar. */
  tray: boolean;
  /** Why, for the log. */
  reasons: string[];
}

export async function planDesktop(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  argv: readonly string[],
  trayHost: () => Promise<boolean | null> = () => hasTrayHost(),
): Promise<DesktopPlan> {
  if (platform !== 'linux') return { style: 'popup', tray: true, reasons: [] };
  const reasons: string[] = [];
  const wayland = isNativeWayland(env, argv);
  if (wayland) reasons.push('native Wayland session: a normal window (start with --ozone-platform=x11 for the popup)');
  const host = await trayHost();
  if (host === false) reasons.push('no StatusNotifierItem host on the session bus: no tray icon, a normal window in the task bar');
  return { style: wayland || host === false ? 'window' : 'popup', tray: host !== false, reasons };
}
