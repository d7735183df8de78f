// `npm start`: the tray app in Electron where an Electron binary can be had; otherwise one
// line saying so, and the browser host with the same service and demo data.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { findElectron } from './electron-binary.mjs';
import { localBin, run as runSync } from './run-bin.mjs';

const root = resolve(import.meta.dirname, '..');
const electron = findElectron({ download: true });

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
}

if (electron.path) {
  const build = runSync([...localBin('electron-vite'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('友米待办: the build failed (see above); fix it and run npm start again.');
    process.exit(1);
  }
  run(electron.path, ['.', ...process.argv.slice(2)]);
} else {
  console.log(`友米待办: Electron cannot start here (${electron.reason}); starting the browser host instead (npm run demo:web).`);
  run(process.execPath, ['--import', 'tsx', 'electron/main/hosts/web/main.ts', ...process.argv.slice(2)]);
}
