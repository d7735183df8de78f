import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  devRendererUrl,
  isAllowedRequest,
  isOurRendererUrl,
  isSafeExternalUrl,
  withCsp,
} from '../../electron/main/shell/security-policy';

const prod = { devUrl: null, indexHtml: '/opt/友米待办/resources/app.asar/out/renderer/index.html' };
const dev = { devUrl: 'http://localhost:5173/', indexHtml: '/repo/out/renderer/index.html' };

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

describe('content security policy', () => {
  it('allows no remote origin, no inline script and no eval in the packaged app', () => {
    const csp = contentSecurityPolicy(null);
    const d = directives(csp);
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe|https?:|\*/);
  });

  it('in development admits only the loopback dev server and its HMR socket', () => {
    const d = directives(contentSecurityPolicy(dev.devUrl));
    expect(d.get('connect-src')).toEqual(["'self'", 'http://localhost:5173', 'ws://localhost:5173']);
    expect(d.get('script-src')).toContain('http://localhost:5173');
  });

  it('replaces a CSP the response carried', () => {
    const h = withCsp({ 'content-security-policy': ['default-src *'], 'Content-Type': 'text/html' }, "default-src 'none'");
    expect(h).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"], 'X-Content-Type-Options': ['nosniff'] });
  });
});

describe('external links', () => {
  it.each([
    ['https://example.com/a?b=1', true],
    ['http://192.168.1.2:8080/', true],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['ms-settings:privacy', false],
    ['smb://host/share', false],
    ['https://user:pw@example.com/', false],
    ['not a url', false],
    [42, false],
    [`https://example.com/${'a'.repeat(3000)}`, false],
  ])('%s → %s', (url, ok) => {
    expect(isSafeExternalUrl(url)).toBe(ok);
  });
});

describe('which page is ours', () => {
  it('is the built index.html (any hash) in the packaged app', () => {
    expect(isOurRendererUrl('file:///opt/%E5%8F%8B%E7%B1%B3%E5%BE%85%E5%8A%9E/resources/app.asar/out/renderer/index.html#/settings', prod)).toBe(true);
    expect(isOurRendererUrl('file:///opt/友米待办/resources/app.asar/out/renderer/other.html', prod)).toBe(false);
    expect(isOurRendererUrl('file:///tmp/evil/index.html', prod)).toBe(false);
    expect(isOurRendererUrl('https://example.com/', prod)).toBe(false);
    expect(isOurRendererUrl('garbage', prod)).toBe(false);
  });

  it('on Windows, compares paths as Windows does: any drive-letter and path case, from any install folder', () => {
    const win = { devUrl: null, indexHtml: 'c:\\Users\\Zhang San\\AppData\\Local\\Programs\\youmi-todo\\resources\\app.asar\\out\\renderer\\index.html', platform: 'win32' as const };
    // Chromium canonicalises the drive letter upper-case; the install path may differ in case too.
    const page = 'file:///C:/Users/Zhang%20San/AppData/Local/Programs/Youmi-Todo/resources/app.asar/out/renderer/index.html';
    expect(isOurRendererUrl(page, win)).toBe(true);
    expect(isOurRendererUrl(`${page}#/settings`, win)).toBe(true);
    expect(isAllowedRequest('file:///C:/Users/Zhang%20San/AppData/Local/Programs/youmi-todo/resources/app.asar/out/renderer/assets/index-abc.js', win)).toBe(true);
    expect(isOurRendererUrl('file:///D:/Users/Zhang%20San/AppData/Local/Programs/youmi-todo/resources/app.asar/out/renderer/index.html', win)).toBe(false);
    expect(isAllowedRequest('file:///C:/Users/Zhang%20San/.ssh/id_rsa', win)).toBe(false);
    expect(isAllowedRequest('file:///C:/Users/Zhang%20San/AppData/Local/Programs/youmi-todo/resources/app.asar/out/renderer/..%5C..%5Cpackage.json', win)).toBe(false);
    // Elsewhere paths stay case-sensitive.
    expect(isOurRendererUrl('file:///OPT/友米待办/resources/app.asar/out/renderer/index.html', prod)).toBe(false);
  });

  it('is the dev server origin in development', () => {
    expect(isOurRendererUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isOurRendererUrl('http://localhost:5174/', dev)).toBe(false);
  });

  it('takes a dev server URL only unpackaged and only on loopback', () => {
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toBe('http://localhost:5173/');
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toBeNull();
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'http://evil.example:5173' }, false)).toBeNull();
    expect(devRendererUrl({ ELECTRON_RENDERER_URL: 'file:///x' }, false)).toBeNull();
    expect(devRendererUrl({}, false)).toBeNull();
  });

  it('lets the window load only its own files (and the dev server)', () => {
    expect(isAllowedRequest('file:///opt/友米待办/resources/app.asar/out/renderer/assets/index-abc.js', prod)).toBe(true);
    expect(isAllowedRequest('file:///opt/友米待办/resources/app.asar/out/renderer/../../package.json', prod)).toBe(false);
    expect(isAllowedRequest('file:///home/u/.ssh/id_rsa', prod)).toBe(false);
    expect(isAllowedRequest('https://cdn.example.com/x.js', prod)).toBe(false);
    expect(isAllowedRequest('data:image/png;base64,AAAA', prod)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:9999/', dev)).toBe(false);
  });
});
