import { spawnSync } from 'node:child_process';

/** Builds the browser host's files once; every spec then starts hosts with --no-build. */
export default function globalSetup(): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'electron/main/hosts/web/main.ts', '--build-only'], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('building the browser host failed');
}
