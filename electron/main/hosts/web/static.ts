/**
 * Serves the built renderer with the same strict CSP the Electron window gets, and puts
 * the bridge script in front of the app's module script.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { BRIDGE_FILE } from './build';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function injectBridge(html: string): string {
  const tag = `<script src="./${BRIDGE_FILE}"></script>`;
  const at = html.indexOf('<script');
  return at === -1 ? html.replace('</head>', `${tag}</head>`) : html.slice(0, at) + tag + html.slice(at);
}

export function createStaticHandler(dir: string, csp: () => string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let rel: string | null;
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    } catch {
      // An unparsable target ("//", "/%E0%A4%A") threw out of this async handler: an
      // unhandled rejection that ended the whole host. Any web page could send one (<img src>).
      rel = null;
    }
    const file = rel === null ? '' : normalize(join(dir, rel));
    if (rel === null || !file.startsWith(dir + sep) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end();
      return;
    }
    try {
      let body: Buffer | string = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (rel === 'index.html') body = injectBridge(body.toString('utf8'));
      res.writeHead(200, {
        'content-type': type,
        'content-security-policy': csp(),
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  };
}
