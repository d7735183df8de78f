import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, callsNamed, fake, powerMonitor, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const lifecycle = await import('../../electron/main/shell/lifecycle');
const builder = JSON.parse(readFileSync(join(import.meta.dirname, '../../electron-builder.json'), 'utf8')) as { appId: string };

describe('lifecycle', () => {
  beforeEach(resetFake);

  it('first instance keeps the lock and shows its window when a second one starts', () => {
    const seen: string[][] = [];
    expect(lifecycle.claimSingleInstance((argv) => seen.push(argv))).toBe(true);
    app.emit('second-instance', {}, ['/opt/app', '--hidden'], '/');
    expect(seen).toEqual([['/opt/app', '--hidden']]);
  });

  it('a second instance does not get the lock and registers nothing', () => {
    fake.platformLock = false;
    expect(lifecycle.claimSingleInstance(() => {})).toBe(false);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('sets the toast activator CLSID before the AppUserModelID, which equals the packaging appId (Windows)', () => {
    lifecycle.setPlatformIdentity('win32');
    const order = fake.calls.map((c) => c.name).filter((n) => n.startsWith('app.set'));
    expect(order).toEqual(['app.setToastActivatorCLSID', 'app.setAppUserModelId']);
    expect(callsNamed('app.setAppUserModelId')[0]!.args).toEqual([builder.appId]);
    expect(lifecycle.APP_USER_MODEL_ID).toBe(builder.appId);
    expect(lifecycle.TOAST_ACTIVATOR_CLSID).toMatch(/^\{[0-9A-F]{8}-([0-9A-F]{4}-){3}[0-9A-F]{12}\}$/);
  });

  it('uses the Electron binary as AUMID in a development run (no shortcut carries the appId there)', () => {
    lifecycle.setPlatformIdentity('win32', false, 'C:\\dev\\node_modules\\electron\\dist\\electron.exe');
    expect(callsNamed('app.setAppUserModelId')[0]!.args).toEqual(['C:\\dev\\node_modules\\electron\\dist\\electron.exe']);
  });

  it('leaves identity alone elsewhere', () => {
    lifecycle.setPlatformIdentity('linux');
    lifecycle.setPlatformIdentity('darwin');
    expect(fake.calls).toEqual([]);
  });

  it('is a tray app: no dock icon on macOS, an edit menu without Quit, and closing windows does not quit', () => {
    lifecycle.becomeTrayApp('darwin', '友米待办');
    expect(callsNamed('dock.hide')).toHaveLength(1);
    const menu = callsNamed('Menu.setApplicationMenu')[0]!.args[0] as { items: { role?: string; submenu?: { role?: string }[] }[] };
    expect(JSON.stringify(menu)).not.toMatch(/quit/i);
    expect(menu.items.some((i) => i.role === 'editMenu')).toBe(true);
    expect(app.listenerCount('window-all-closed')).toBe(1);
  });

  it('has no application menu on Windows and Linux', () => {
    lifecycle.becomeTrayApp('win32', '友米待办');
    expect(callsNamed('Menu.setApplicationMenu')[0]!.args[0]).toBeNull();
    expect(callsNamed('dock.hide')).toHaveLength(0);
  });

  it('starts hidden with --hidden, or when macOS opened it at login', () => {
    expect(lifecycle.startsHidden(['electron', '.', '--hidden'], 'win32')).toBe(true);
    expect(lifecycle.startsHidden(['electron', '.'], 'win32')).toBe(false);
    fake.loginItem = { wasOpenedAtLogin: true };
    expect(lifecycle.startsHidden(['/Applications/友米待办.app/Contents/MacOS/友米待办'], 'darwin')).toBe(true);
  });

  describe('launch at login', () => {
    const ctx = (platform: NodeJS.Platform, packaged = true) => ({
      platform,
      packaged,
      execPath: 'C:\\Program Files\\友米待办\\友米待办.exe',
      configDir: mkdtempSync(join(tmpdir(), 'youmi-xdg-')),
      log: () => {},
    });

    it('Windows: a login item that starts hidden', () => {
      lifecycle.applyLaunchAtLogin({ launchAtLogin: true }, ctx('win32'));
      expect(callsNamed('app.setLoginItemSettings')[0]!.args[0]).toEqual({
        openAtLogin: true,
        path: 'C:\\Program Files\\友米待办\\友米待办.exe',
        args: ['--hidden'],
      });
    });

    it('macOS: the login item (the app reads wasOpenedAtLogin to start hidden)', () => {
      lifecycle.applyLaunchAtLogin({ launchAtLogin: false }, ctx('darwin'));
      expect(callsNamed('app.setLoginItemSettings')[0]!.args[0]).toEqual({ openAtLogin: false });
    });

    it('Linux: an XDG autostart entry with --hidden, removed when turned off', () => {
      const c = { ...ctx('linux'), execPath: '/tmp/.mount_x/youmi-todo', appImage: '/home/u/Apps/YoumiTodo 0.1.0.AppImage' };
      lifecycle.applyLaunchAtLogin({ launchAtLogin: true }, c);
      const file = join(c.configDir, 'autostart', 'com.youmi.todo.desktop');
      expect(readFileSync(file, 'utf8')).toContain('Exec="/home/u/Apps/YoumiTodo 0.1.0.AppImage" --hidden');
      lifecycle.applyLaunchAtLogin({ launchAtLogin: false }, c);
      expect(existsSync(file)).toBe(false);
    });

    it('does nothing in a development run (it would register the bare Electron binary)', () => {
      lifecycle.applyLaunchAtLogin({ launchAtLogin: true }, ctx('win32', false));
      expect(callsNamed('app.setLoginItemSettings')).toHaveLength(0);
    });

    it('quotes the autostart command per the Desktop Entry spec', () => {
      expect(lifecycle.linuxAutostartEntry('/opt/a "b"/$x', 'n')).toContain('Exec="/opt/a \\"b\\"/\\$x" --hidden');
    });
  });

  describe('sleep, lock and network', () => {
    it('wakes the app on resume and unlock', () => {
      const wakes: string[] = [];
      const stop = lifecycle.watchPowerAndNetwork({ wake: (r) => wakes.push(r), offline: () => false, log: () => {} });
      powerMonitor.emit('resume');
      powerMonitor.emit('unlock-screen');
      expect(wakes).toEqual(['resume', 'unlock']);
      stop();
      powerMonitor.emit('resume');
      expect(wakes).toHaveLength(2);
    });

    it('wakes the app when the network comes back while it is offline', () => {
      vi.useFakeTimers();
      try {
        const wakes: string[] = [];
        let offline = true;
        const stop = lifecycle.watchPowerAndNetwork({ wake: (r) => wakes.push(r), offline: () => offline, log: () => {}, pollMs: 1000 });
        fake.online = false;
        vi.advanceTimersByTime(3000);
        expect(wakes).toEqual([]);
        fake.online = true;
        vi.advanceTimersByTime(1000);
        expect(wakes).toEqual(['online']);
        vi.advanceTimersByTime(5000);
        expect(wakes).toEqual(['online']);
        offline = false;
        stop();
      } finally {
        vi.useRealTimers();
      }
    });
  });
});
