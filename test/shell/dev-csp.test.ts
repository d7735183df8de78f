import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../electron/main/shell/security-policy';
import { devOnlyCsp } from '../../scripts/dev-csp';

const root = join(import.meta.dirname, '../..');
const html = readFileSync(join(root, 'renderer/index.html'), 'utf8');

describe('development mode is not blocked by the production CSP', () => {
  it('the production page carries a strict meta policy (no inline script)', () => {
    expect(html).toMatch(/http-equiv="Content-Security-Policy"/);
    expect(html).toMatch(/script-src 'self';/);
  });

  it('the dev server serves the page without the meta policy; the shell’s dev header policy allows the dev server', () => {
    const plugin = devOnlyCsp();
    expect(plugin.apply).toBe('serve'); // never applied to `electron-vite build`
    const served = (plugin.transformIndexHtml as (h: string) => string)(html);
    expect(served).not.toMatch(/Content-Security-Policy/);
    expect(served).toContain('<div id="root"></div>');
    const dev = contentSecurityPolicy('http://localhost:5173/');
    expect(dev).toMatch(/script-src 'self' http:\/\/localhost:5173 'unsafe-inline'/);
    expect(dev).toMatch(/connect-src 'self' http:\/\/localhost:5173 ws:\/\/localhost:5173/);
    expect(contentSecurityPolicy(null)).not.toMatch(/unsafe-inline|localhost/);
  });

  it('the built page keeps its meta policy', () => {
    const built = readFileSync(join(root, 'out/renderer/index.html'), 'utf8');
    expect(built).toMatch(/http-equiv="Content-Security-Policy"/);
  });
});
