/**
 * The built bundle (out/main/index.js), not the sources: run under plain Node with the
 * `electron` import (its own and electron-store's) resolved to the recording fake. Catches
 * what only the bundle can get wrong: paths from import.meta.dirname to the preload, the
 * renderer and the icons; externalised ESM dependencies; duplicate __dirname declarations.
 * `npm test` builds first, so it always runs there (and in CI, where a missing build fails
 * it); a bare `npm run test:unit` before any build reports it as skipped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRIDGE_METHODS } from '../../shared/contract/channels';

const root = resolve(import.meta.dirname, '../..');
const built = existsSync(join(root, 'out/main/index.js')) && existsSync(join(root, 'out/preload/index.cjs'));

describe('built main process', () => {
  it.skipIf(!built && !process.env.CI)('starts in demo mode, wires tray, window and IPC, and quits from the tray', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'youmi-built-'));
    const run = spawnSync(process.execPath, ['--import', './test/shell/built/probe.mjs', '--import', 'tsx', 'out/main/index.js'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, YOUMI_E2E: '1', YOUMI_DATA_DIR: dataDir, ELECTRON_RENDERER_URL: '' },
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('PROBE '));
    expect(line, `${run.stdout}\n${run.stderr}`).toBeDefined();
    const probe = JSON.parse(line!.slice(6)) as Record<string, unknown> & { tray: { tooltip: string; openCount: number } };
    expect(probe.visible).toBe(true); // first launch shows the window
    expect(probe.demo).toBe(true);
    expect(probe.snapshotOk).toBe(true);
    expect(probe.handlers).toBe(BRIDGE_METHODS.length);
    expect(probe.loaded).toEqual({ kind: 'file', target: join(root, 'out/renderer/index.html') });
    expect(probe.preload).toBe(join(root, 'out/preload/index.cjs'));
    expect(existsSync(probe.preload as string)).toBe(true);
    expect(probe.tray.tooltip).toContain('演示模式');
    expect(probe.tray.openCount).toBe(probe.todos);
    expect(probe.quit).toBe(true);
    expect(run.status).toBe(0);
  }, 90_000);
});
