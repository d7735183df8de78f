/**
 * `electron-vite dev` serves index.html from the Vite dev server, which injects the React
 * refresh preamble as an inline module script and talks to its HMR socket: the production
 * meta CSP in index.html (script-src 'self') blocks both, and a meta policy cannot be
 * loosened by a header, only narrowed. So in dev only, the meta tag is dropped and the
 * header policy the shell sends for the dev server (security-policy.ts,
 * contentSecurityPolicy(devUrl): the dev origin, its socket, inline scripts) is the one in
 * force. The built index.html keeps its meta policy untouched.
 */
import type { Plugin } from 'vite';

const META_CSP = /\s*<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i;

export function devOnlyCsp(): Plugin {
  return {
    name: 'youmi-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(META_CSP, ''),
  };
}
