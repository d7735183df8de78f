/**
 * The npm scripts run on Windows too: no bare `npx`/`npm` spawned without a shell (they
 * are .cmd files there, which Node refuses to spawn without one since CVE-2024-27980).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { localBin, npmExecArgs } from '../../scripts/run-bin.mjs';
// @ts-expect-error plain .mjs script without types
import { planDist } from '../../scripts/dist.mjs';

interface DistPlan {
  ok: boolean;
  errors: string[];
  warnings: string[];
  builderArgs: string[];
  build: boolean;
}
const plan = (env: Record<string, string>, argv: string[], platform = 'linux') => planDist(env, argv, platform) as DistPlan;

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

describe('npm run dist', () => {
  const signedMac = { CSC_LINK: '/secure/devid.p12', CSC_KEY_PASSWORD: 'x', APPLE_API_KEY: '/k.p8', APPLE_API_KEY_ID: 'K', APPLE_API_ISSUER: 'I' };

  it('-- --help reaches electron-builder without building', () => {
    expect(plan({}, ['--help'])).toMatchObject({ ok: true, build: false, builderArgs: ['--help'] });
  });

  it('builds for this OS by default, with our config', () => {
    expect(plan({}, [], 'linux').builderArgs.slice(0, 3)).toEqual(['--config', 'electron-builder.json', '--linux']);
    expect(plan({}, [], 'win32').builderArgs[2]).toBe('--win');
  });

  it('macOS: a release without signing and notarization fails loudly; --unsigned is a labelled test build', () => {
    const refused = plan({}, ['--target=mac']);
    expect(refused.ok).toBe(false);
    expect(refused.errors.join()).toMatch(/Developer ID.*notarization.*cannot show notifications/s);
    const test = plan({}, ['--target=mac', '--unsigned']);
    expect(test.ok).toBe(true);
    expect(test.warnings.join()).toMatch(/UNSIGNED/);
    expect(test.builderArgs).toContain('-c.mac.identity=null');
    expect(plan(signedMac, ['--target=mac'])).toMatchObject({ ok: true });
  });

  it('Windows: signing is optional, with a clear warning when absent', () => {
    const unsigned = plan({}, ['--target=win']);
    expect(unsigned.ok).toBe(true);
    expect(unsigned.warnings.join()).toMatch(/NOT code-signed/);
    expect(plan({ WIN_CSC_LINK: '/secure/cert.pfx' }, ['--target=win']).warnings.join()).not.toMatch(/NOT code-signed/);
  });

  it('the update feed: generic URL or GitHub releases, from the environment', () => {
    expect(plan({ YOUMI_UPDATE_URL: 'https://dl.example.com/youmi/' }, ['--target=linux']).builderArgs).toEqual(
      expect.arrayContaining(['-c.publish.provider=generic', '-c.publish.url=https://dl.example.com/youmi/']),
    );
    expect(plan({ YOUMI_UPDATE_GITHUB: 'acme/youmi-todo' }, ['--target=linux']).builderArgs).toEqual(
      expect.arrayContaining(['-c.publish.provider=github', '-c.publish.owner=acme', '-c.publish.repo=youmi-todo']),
    );
    expect(plan({}, ['--target=linux']).warnings.join()).toMatch(/will not update themselves/);
    expect(plan({ YOUMI_UPDATE_GITHUB: 'nope' }, ['--target=linux']).ok).toBe(false);
  });

  it('package.json has dist, dist:win, dist:mac and dist:linux', () => {
    const scriptsOf = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scriptsOf['dist']).toBe('node scripts/dist.mjs');
    for (const t of ['win', 'mac', 'linux']) expect(scriptsOf[`dist:${t}`]).toBe(`node scripts/dist.mjs --target=${t}`);
  });
});
