import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, callsNamed, FakeWebContents, resetFake, session } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { hardenApp, hardenSession, openExternalSafely } = await import('../../electron/main/shell/hardening');
const { createPopupWindow } = await import('../../electron/main/shell/window');
const { FakeBrowserWindow } = await import('./fake-electron');

const renderer = { devUrl: null, indexHtml: '/app/out/renderer/index.html' };
const ours = 'file:///app/out/renderer/index.html';

describe('hardening', () => {
  beforeEach(resetFake);

  it('sandboxes every renderer and guards every new WebContents', () => {
    const logs: string[] = [];
    hardenApp({ renderer, log: (l) => logs.push(l) });
    expect(callsNamed('app.enableSandbox')).toHaveLength(1);
    const wc = new FakeWebContents();
    app.emit('web-contents-created', {}, wc);
    expect(wc.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(wc.navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(wc.navigate('will-navigate', `${ours}#/settings`)).toBe(false);
    let webviewPrevented = false;
    wc.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) }, {}, {});
    expect(webviewPrevented).toBe(true);
    expect(logs.some((l) => l.includes('blocked navigation to https://evil.example/'))).toBe(true);
  });

  it('denies every window.open, sending only http(s) links to the browser', async () => {
    hardenApp({ renderer, log: () => {} });
    const wc = new FakeWebContents();
    app.emit('web-contents-created', {}, wc);
    expect(wc.windowOpenHandler!({ url: 'https://example.com/doc' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: 'smb://host/x' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(callsNamed('shell.openExternal').map((c) => c.args[0])).toEqual(['https://example.com/doc']);
  });

  it('opens external links only when they are http(s)', async () => {
    await openExternalSafely('https://example.com/', () => {});
    await expect(openExternalSafely('file:///etc/passwd', () => {})).rejects.toThrow(/http/);
    await expect(openExternalSafely('ms-settings:', () => {})).rejects.toThrow();
    expect(callsNamed('shell.openExternal').map((c) => c.args[0])).toEqual(['https://example.com/']);
  });

  it('sends the strict CSP as a header, replacing any other', () => {
    hardenSession(session.defaultSession as never, { renderer, log: () => {} });
    let out: Record<string, unknown> = {};
    session.defaultSession.webRequest.headersReceived!({ url: ours, responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r) => (out = r));
    const headers = out.responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toHaveLength(1);
    expect(headers['Content-Security-Policy']![0]).toMatch(/^default-src 'none'; script-src 'self';/);
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toHaveLength(1);
  });

  it('cancels requests that leave our files', () => {
    hardenSession(session.defaultSession as never, { renderer, log: () => {} });
    const cancel = (url: string) => {
      let r: Record<string, unknown> = {};
      session.defaultSession.webRequest.beforeRequest!({ url }, (x) => (r = x));
      return r.cancel;
    };
    expect(cancel('file:///app/out/renderer/assets/index.js')).toBe(false);
    expect(cancel('https://tracker.example/pixel.gif')).toBe(true);
    expect(cancel('file:///home/user/.config/友米待办/state.json')).toBe(true);
  });

  it('denies permission requests (camera, notifications, geolocation…)', () => {
    hardenSession(session.defaultSession as never, { renderer, log: () => {} });
    const ses = session.defaultSession;
    const wc = new FakeWebContents();
    wc.mainFrame.url = ours;
    for (const p of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read', 'fullscreen']) {
      let granted: boolean | null = null;
      ses.permissionRequest!(wc, p, (ok) => (granted = ok), { requestingUrl: ours });
      expect(granted, p).toBe(false);
      expect(ses.permissionCheck!(wc, p, 'file://', { requestingUrl: ours }), p).toBe(false);
    }
    // Copying a customer id to the clipboard is the one thing our page may do.
    let granted: boolean | null = null;
    ses.permissionRequest!(wc, 'clipboard-sanitized-write', (ok) => (granted = ok), { requestingUrl: ours });
    expect(granted).toBe(true);
    ses.permissionRequest!(wc, 'clipboard-sanitized-write', (ok) => (granted = ok), { requestingUrl: 'https://evil.example/' });
    expect(granted).toBe(false);
    expect(ses.devicePermission!({})).toBe(false);
  });

  it('the window preferences are the hardened ones', () => {
    createPopupWindow({
      platform: 'linux',
      preload: '/p.cjs',
      renderer,
      devTools: false,
      trayBounds: () => null,
      sizes: { load: () => null, save: () => {} },
      log: () => {},
    });
    expect(FakeBrowserWindow.all[0]!.options.webPreferences).toEqual({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});
