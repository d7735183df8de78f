/**
 * Electron-side hardening (the rules themselves are in security-policy.ts): every renderer
 * sandboxed; CSP sent as a header too (the meta tag in index.html covers file://, which
 * carries no headers); navigation, new windows and webviews refused; permission requests
 * denied; requests outside our files cancelled; links opened only as http(s) in the browser.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import {
  ALLOWED_PERMISSIONS,
  contentSecurityPolicy,
  isAllowedRequest,
  isOurRendererUrl,
  isSafeExternalUrl,
  withCsp,
  type RendererLocation,
} from './security-policy';

export interface HardeningDeps {
  renderer: RendererLocation;
  log: (line: string) => void;
}

/** Before 'ready'. */
export function hardenApp(deps: HardeningDeps): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, deps));
}

/** Refuses navigation away from our page, new windows and webviews for one WebContents. */
export function guardWebContents(contents: WebContents, deps: HardeningDeps): void {
  const refuse = (what: string) => (event: { preventDefault(): void }, url?: string) => {
    if (url && isOurRendererUrl(url, deps.renderer)) return;
    event.preventDefault();
    deps.log(`hardening: blocked ${what}${url ? ` to ${safeForLog(url)}` : ''}`);
  };
  contents.on('will-navigate', (e) => refuse('navigation')(e, e.url));
  contents.on('will-redirect', (e) => refuse('redirect')(e, e.url));
  contents.on('will-attach-webview', (e) => refuse('webview')(e));
  contents.setWindowOpenHandler(({ url }) => {
    // target=_blank links: to the browser when they are plain web links, never a new window.
    if (isSafeExternalUrl(url)) void openExternalSafely(url, deps.log);
    else deps.log(`hardening: blocked window.open to ${safeForLog(url)}`);
    return { action: 'deny' };
  });
}

/** After 'ready', for the session the window uses. */
export function hardenSession(ses: Session, deps: HardeningDeps): void {
  const csp = contentSecurityPolicy(deps.renderer.devUrl);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, deps.renderer);
    if (!allowed) deps.log(`hardening: cancelled request to ${safeForLog(details.url)}`);
    callback({ cancel: !allowed });
  });
  const ours = (url: string | undefined) => !!url && isOurRendererUrl(url, deps.renderer);
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const ok = ALLOWED_PERMISSIONS.has(permission) && ours(details.requestingUrl ?? contents.getURL());
    if (!ok) deps.log(`hardening: denied permission ${permission}`);
    callback(ok);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    ALLOWED_PERMISSIONS.has(permission) && (ours(details.requestingUrl) || ours(requestingOrigin)),
  );
  ses.setDevicePermissionHandler(() => false);
}

export async function openExternalSafely(url: string, log: (line: string) => void): Promise<void> {
  if (!isSafeExternalUrl(url)) {
    log(`hardening: refused to open ${safeForLog(url)}`);
    throw new Error('only http(s) links can be opened');
  }
  await shell.openExternal(url, { activate: true });
}

/** Scheme, host and path only: query strings in links can carry tokens. */
function safeForLog(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`.slice(0, 200);
  } catch {
    return '(unparsable url)';
  }
}
