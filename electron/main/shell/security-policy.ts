/**
 * The rules behind the Electron hardening, kept pure so they are tested without Electron:
 * the CSP, which URLs may open in the browser, and which page counts as ours.
 */
import { pathToFileURL } from 'node:url';

/**
 * No remote origins, no inline script. In development the Vite dev server needs its own
 * origin, its HMR socket and the React refresh preamble (an inline module script), so the
 * dev policy allows exactly those and nothing else.
 */
export function contentSecurityPolicy(devServerUrl?: string | null): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  const devOrigin = dev ? dev.origin : '';
  const devSocket = dev ? `${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}` : '';
  const src = (base: string, ...extra: string[]) => [base, ...extra].filter(Boolean).join(' ');
  return [
    "default-src 'none'",
    src("script-src 'self'", devOrigin, dev ? "'unsafe-inline'" : ''),
    src("style-src 'self'", devOrigin, dev ? "'unsafe-inline'" : ''),
    src("img-src 'self' data:", devOrigin),
    src("font-src 'self'", devOrigin),
    src("connect-src 'self'", devOrigin, devSocket),
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Only plain web links leave the app, and only to the user's browser. */
export function isSafeExternalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // Credentials in a link are a phishing device; nothing the app shows needs them.
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '' && u.hostname !== '';
}

export interface RendererLocation {
  /** ELECTRON_RENDERER_URL in development, else null. */
  devUrl: string | null;
  /** Absolute path of the built index.html. */
  indexHtml: string;
  /** Whose path rules apply (default: this process's). */
  platform?: NodeJS.Platform;
}

/**
 * A file URL's host and path in the form to compare. On Windows, Chromium canonicalises the
 * drive letter upper-case while the install path we are given may have any case, and paths
 * are case-insensitive there: compare them folded. `\\` (encoded or not) is a separator there.
 */
function filePathKey(u: URL, platform: NodeJS.Platform): { host: string; path: string } {
  const path = decodeURIComponent(u.pathname);
  if (platform !== 'win32') return { host: u.host, path };
  return { host: u.host.toLowerCase(), path: path.replace(/\\/g, '/').toLowerCase() };
}

function indexKey(where: RendererLocation): { host: string; path: string; platform: NodeJS.Platform } {
  const platform = where.platform ?? process.platform;
  const u = pathToFileURL(where.indexHtml, { windows: platform === 'win32' });
  return { ...filePathKey(u, platform), platform };
}

/** Accepts a dev server URL only on loopback: a dev URL from the environment must not point the privileged window at the network. */
export function devRendererUrl(env: Record<string, string | undefined>, packaged: boolean): string | null {
  const raw = env.ELECTRON_RENDERER_URL;
  if (packaged || !raw) return null;
  try {
    const u = new URL(raw);
    return (u.protocol === 'http:' || u.protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname) ? u.href : null;
  } catch {
    return null;
  }
}

/** Is `url` our renderer page (any hash/query), and not some other file or origin? */
export function isOurRendererUrl(url: string, where: RendererLocation): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (where.devUrl) {
    const dev = new URL(where.devUrl);
    return u.origin === dev.origin;
  }
  if (u.protocol !== 'file:') return false;
  const ours = indexKey(where);
  const page = filePathKey(u, ours.platform);
  return page.host === ours.host && page.path === ours.path;
}

/** Response headers with our CSP, replacing any the response carried (header names are case-insensitive). */
export function withCsp(headers: Record<string, string[] | string> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'content-security-policy') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [csp];
  out['X-Content-Type-Options'] = ['nosniff'];
  return out;
}

/**
 * Requests the window's session may make: our own files (the renderer directory) and, in
 * development, the dev server. Anything else (a remote script, an image beacon, a
 * file:// read outside the app) is cancelled even if a CSP slipped.
 */
export function isAllowedRequest(url: string, where: RendererLocation): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === 'devtools:' || u.protocol === 'data:' || u.protocol === 'blob:') return true;
  if (where.devUrl) {
    const dev = new URL(where.devUrl);
    if ((u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') && u.host === dev.host) return true;
  }
  if (u.protocol !== 'file:') return false;
  const ours = indexKey(where);
  const dir = ours.path.replace(/[^/]*$/, '');
  const file = filePathKey(u, ours.platform);
  return file.host === ours.host && !file.path.split('/').includes('..') && file.path.startsWith(dir);
}

/** Permissions a page of ours may use: writing plain text to the clipboard (copying a customer id), nothing else. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);
