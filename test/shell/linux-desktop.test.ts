import { describe, expect, it } from 'vitest';
import { hasTrayHost, isNativeWayland, parseNameHasOwner, planDesktop } from '../../electron/main/shell/linux-desktop';

describe('Linux desktop plan', () => {
  it('knows a native Wayland client from the session and the ozone switch', () => {
    expect(isNativeWayland({ XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' }, [])).toBe(true);
    expect(isNativeWayland({ XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' }, ['--ozone-platform=x11'])).toBe(false);
    expect(isNativeWayland({ XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0', ELECTRON_OZONE_PLATFORM_HINT: 'x11' }, [])).toBe(false);
    expect(isNativeWayland({ XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, [])).toBe(false);
    expect(isNativeWayland({ XDG_SESSION_TYPE: 'x11' }, ['--ozone-platform=wayland'])).toBe(true);
  });

  it('reads gdbus answers, and treats a missing bus as unknown (the tray is assumed)', async () => {
    expect(parseNameHasOwner('(true,)\n')).toBe(true);
    expect(parseNameHasOwner('(false,)\n')).toBe(false);
    expect(parseNameHasOwner('')).toBeNull();
    const asked: string[][] = [];
    expect(
      await hasTrayHost(async (file, args) => {
        asked.push([file, ...args]);
        return '(false,)';
      }),
    ).toBe(false);
    expect(asked[0]).toContain('org.kde.StatusNotifierWatcher');
    expect(await hasTrayHost(async () => Promise.reject(Object.assign(new Error('spawn gdbus ENOENT'), { code: 'ENOENT' })))).toBeNull();
  });

  it('stock GNOME (no tray host): a normal window in the task bar, no tray', async () => {
    const plan = await planDesktop('linux', { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }, [], async () => false);
    expect(plan).toMatchObject({ style: 'window', tray: false });
  });

  it('Wayland with a tray host: the tray stays, the popup becomes a normal window', async () => {
    const plan = await planDesktop('linux', { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' }, [], async () => true);
    expect(plan).toMatchObject({ style: 'window', tray: true });
    expect(plan.reasons.join()).toMatch(/ozone-platform=x11/);
  });

  it('X11 with a tray, Windows and macOS: the popup', async () => {
    expect(await planDesktop('linux', { XDG_SESSION_TYPE: 'x11' }, [], async () => true)).toMatchObject({ style: 'popup', tray: true });
    expect(await planDesktop('win32', {}, [], async () => false)).toMatchObject({ style: 'popup', tray: true });
  });
});
