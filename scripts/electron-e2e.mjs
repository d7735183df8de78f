// Runs the Electron end-to-end suite where it can run, and otherwise says in one line why
// it did not, exiting 0 without claiming a result. It never downloads Electron.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findElectron } from './electron-binary.mjs';
import { localBin, run as runSync } from './run-bin.mjs';

const root = resolve(import.meta.dirname, '..');
const notRun = (why) => {
  console.log(`electron e2e: not run (${why})`);
  process.exit(0);
};

const electron = findElectron({ download: false });
if (!electron.path) notRun(`no Electron binary on this machine: ${electron.reason}`);

const version = spawnSync(electron.path, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
if (version.status !== 0) notRun(`the Electron binary at ${electron.path} does not start: ${(version.stderr || version.error?.message || '').trim().split('\n')[0]}`);

// A window needs a display: on a headless Linux box, use xvfb-run when it is there.
let wrap = [];
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  if (spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).status !== 0) notRun('no display and no xvfb-run for a virtual one');
  wrap = ['xvfb-run', '-a'];
}

if (!existsSync(resolve(root, 'out/main/index.js')) || process.argv.includes('--build')) {
  const build = runSync([...localBin('electron-vite'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('electron e2e: the build failed');
    process.exit(1);
  }
}

const cmd = [...wrap, ...localBin('@playwright/test', 'playwright'), 'test', '-c', 'playwright.electron.config.ts'];
const run = spawnSync(cmd[0], cmd.slice(1), {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, YOUMI_ELECTRON_PATH: electron.path },
});
process.exit(run.status ?? 1);
