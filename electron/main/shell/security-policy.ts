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
  const ours = pathToFileURL(where.indexHtml);
  return u.protocol === 'file:' && u.host === ours.host && decodeURIComponent(u.pathname) === decodeURIComponent(ours.pathname);
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
  const dir = pathToFileURL(where.indexHtml).pathname.replace(/[^/]*$/, '');
  const path = decodeURIComponent(u.pathname);
  return !path.split('/').includes('..') && path.startsWith(decodeURIComponent(dir));
}

/** Permissions a page of ours may use: writing plain text to the clipboard (copying a customer id), nothing else. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);
