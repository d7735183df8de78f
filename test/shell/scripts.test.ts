/**
 * The npm scripts run on Windows too: no bare `npx`/`npm` spawned without a shell (they
 * are .cmd files there, which Node refuses to spawn without one since CVE-2024-27980).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { localBin, npmExecArgs } from '../../scripts/run-bin.mjs';

const root = join(import.meta.dirname, '../..');
const scripts = readdirSync(join(root, 'scripts')).filter((f) => f.endsWith('.mjs'));

describe('scripts on Windows', () => {
  it.each(scripts)('%s spawns no bare npx or npm', (file) => {
    const text = readFileSync(join(root, 'scripts', file), 'utf8');
    expect(text).not.toMatch(/spawn(Sync)?\(\s*['"](npx|npm)['"]/);
    expect(text).not.toMatch(/\[[^\]]*['"]npx['"]/);
  });

  it('runs local tools as node + their bin script, and one-off packages through npm-cli.js', () => {
    const [node, script] = localBin('electron-vite') as string[];
    expect(node).toBe(process.execPath);
    expect(existsSync(script!)).toBe(true);
    expect(existsSync((localBin('@playwright/test', 'playwright') as string[])[1]!)).toBe(true);
    const exec = npmExecArgs('@doyensec/electronegativity@1.10.3', ['-h']) as string[];
    expect(exec[0]).toBe(process.execPath);
    expect(exec[1]).toMatch(/npm-cli\.js$/);
    expect(exec.slice(2)).toEqual(['exec', '--yes', '--package=@doyensec/electronegativity@1.10.3', '--', 'electronegativity', '-h']);
  });
});
