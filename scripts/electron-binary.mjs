// Finds the Electron executable without letting `require('electron')` start a download
// that throws a stack trace on machines that cannot reach Electron's download host.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function executableAt(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {{ download?: boolean }} opts download: try Electron's own installer once when missing.
 * @returns {{ path: string } | { path: null, reason: string }}
 */
export function findElectron({ download = false } = {}) {
  const dir = electronDir();
  if (!dir) return { path: null, reason: 'the electron package is not installed (run npm install)' };
  const pathFile = join(dir, 'path.txt');
  const relative = () => (existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null);
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const p = join(override, relative() ?? 'electron');
    return executableAt(p) ? { path: p } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no executable at ${p}` };
  }
  const current = () => {
    const rel = relative();
    const p = rel ? join(dir, 'dist', rel) : null;
    return p && executableAt(p) ? p : null;
  };
  const found = current();
  if (found) return { path: found };
  if (!download) return { path: null, reason: 'no Electron binary is installed in node_modules/electron/dist' };
  const r = spawnSync(process.execPath, [join(dir, 'install.js')], { encoding: 'utf8', timeout: 180_000 });
  const after = current();
  if (after) return { path: after };
  const why = `${r.stderr ?? ''}\n${r.stdout ?? ''}`
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /error|failed|ENOTFOUND|EAI_AGAIN/i.test(l) && !l.startsWith('at '));
  return { path: null, reason: `its download failed${why ? ` (${why.slice(0, 120)})` : ''}` };
}
