import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allIconFiles, decodePng, TRAY_BASE_SIZE, trayIconFile } from '../../electron/main/shell/icon-art';

const root = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: { from: string; to: string; filter?: string[] }[];
  afterPack: string;
  win: { target: { target: string }[]; icon: string };
  mac: { target: { target: string }[]; icon: string; extendInfo: Record<string, unknown> };
  linux: { target: string[]; icon: string; executableName: string };
  [key: string]: unknown;
}

const config = JSON.parse(readFileSync(join(root, 'electron-builder.json'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; productName: string };

describe('electron-builder config', () => {
  it('has the identity the app uses at run time', async () => {
    expect(config.appId).toBe('com.youmi.todo');
    expect(config.productName).toBe('友米待办');
    expect(pkg.productName).toBe(config.productName);
    // AUMID == appId, or Windows shows toasts from "electron.app.…" and mutes go astray.
    const lifecycle = readFileSync(join(root, 'electron/main/shell/lifecycle.ts'), 'utf8');
    expect(lifecycle).toContain(`APP_USER_MODEL_ID = '${config.appId}'`);
  });

  it('builds NSIS, dmg, deb (the Ubuntu artifact: it installs its AppArmor profile) and AppImage', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.linux.target).toEqual(['deb', 'AppImage']);
    expect(config.nsis).toBeDefined();
  });

  it('passes electron-builder’s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    // The check bites: a wrong type is refused.
    await expect(validateConfiguration({ ...structuredClone(config), asar: 'yes' }, new DebugLogger(false))).rejects.toThrow(/asar/);
  });

  it('names only files that exist', () => {
    const named = [config.afterPack, config.win.icon, config.mac.icon, config.linux.icon, ...config.extraResources.map((r) => r.from)];
    for (const p of named) expect(existsSync(join(root, p)), p).toBe(true);
    expect(existsSync(join(root, (config.directories as { buildResources: string }).buildResources))).toBe(true);
  });

  it('package.json carries what the deb and the updater need', () => {
    const full = pkg as unknown as { homepage?: string; author?: { name?: string; email?: string }; repository?: { url?: string } };
    expect(full.homepage).toMatch(/^https:\/\//);
    expect(full.author?.email).toMatch(/@/);
    expect(full.repository?.url).toMatch(/^https:\/\//);
    expect((config.linux as unknown as { maintainer: string }).maintainer).toMatch(/<.+@.+>/);
    expect((config.mac as unknown as { notarize: boolean; hardenedRuntime: boolean }).notarize).toBe(true);
  });

  it('is a menu-bar app on macOS (no Dock icon even before the code hides it)', () => {
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
  });

  it('packages the built app: package.json main is inside the files it ships', () => {
    expect(pkg.main).toBe('./out/main/index.js');
    // Only what the app loads: out/ also holds the browser host and benchmarks.
    expect(config.files.filter((f) => f.startsWith('out/'))).toEqual(['out/main/**/*', 'out/preload/**/*', 'out/renderer/**/*']);
    expect(config.files).toContain('package.json');
  });

  it('names only icons that exist, at the sizes each platform wants', () => {
    for (const p of [config.win.icon, config.mac.icon, config.linux.icon]) {
      expect(existsSync(join(root, p)), p).toBe(true);
      const img = decodePng(readFileSync(join(root, p)));
      expect(img.width).toBeGreaterThanOrEqual(512);
    }
    for (const r of config.extraResources) expect(existsSync(join(root, r.from)), r.from).toBe(true);
  });

  it('ships every tray icon the shell loads, 1x and 2x, template images for macOS', () => {
    const tray = config.extraResources.find((r) => r.to === 'tray')!;
    expect(tray.from).toBe('build/icons/tray');
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      for (const kind of ['normal', 'due', 'offline', 'paused'] as const) {
        for (const scale of [1, 2] as const) {
          const rel = trayIconFile(platform, kind, scale);
          const file = join(root, tray.from, rel);
          expect(existsSync(file), rel).toBe(true);
          expect(decodePng(readFileSync(file)).width, rel).toBe(TRAY_BASE_SIZE[platform] * scale);
          if (platform === 'darwin') expect(rel).toMatch(/Template(@2x)?\.png$/);
        }
      }
    }
    expect(config.extraResources.some((r) => r.to === 'icon.png')).toBe(true);
    expect(allIconFiles().length).toBe(25);
  });
});

describe('afterPack: Electron fuses', () => {
  const hookPath = join(root, config.afterPack);
  const hook = require(hookPath) as ((ctx: unknown) => Promise<void>) & {
    FUSES: Record<string, unknown>;
    electronBinaryPath: (ctx: unknown) => string;
  };
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

  /** A stand-in binary: the real fuse wire layout (sentinel, version 1, length 8, every fuse at Electron's default). */
  function fakeBinary(file: string): void {
    // Defaults of Electron 45: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, asar integrity off, only-asar off, V8 snapshot off, file privileges on.
    const wire = Buffer.from([1, 8, ...'10110001'.split('').map((c) => c.charCodeAt(0))]);
    writeFileSync(file, Buffer.concat([Buffer.alloc(64, 0xaa), Buffer.from(SENTINEL), wire, Buffer.alloc(64, 0xbb)]));
  }
  const wireOf = (file: string) => {
    const b = readFileSync(file);
    const at = b.indexOf(SENTINEL) + SENTINEL.length + 2;
    return b.subarray(at, at + 8).toString('ascii');
  };

  it('is a CommonJS function electron-builder can require', () => {
    expect(typeof hook).toBe('function');
  });

  it.each([
    ['linux', 'youmi-todo'],
    ['win32', '友米待办.exe'],
  ])('flips the fuses of the %s binary', async (platform, name) => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'youmi-pack-'));
    const binary = join(appOutDir, name);
    fakeBinary(binary);
    const before = statSync(binary).size;
    await hook({
      appOutDir,
      electronPlatformName: platform,
      arch: 1,
      packager: { appInfo: { productFilename: '友米待办' }, executableName: platform === 'linux' ? 'youmi-todo' : undefined },
    });
    // RunAsNode off, cookies encrypted, NODE_OPTIONS off, --inspect off, asar integrity on, only asar on; the rest untouched.
    expect(wireOf(binary)).toBe('01001101');
    expect(statSync(binary).size).toBe(before);
  });

  it('finds the macOS framework binary inside the .app (where the fuse wire lives)', () => {
    const ctx = { appOutDir: '/out/mac-arm64', electronPlatformName: 'darwin', packager: { appInfo: { productFilename: '友米待办' } } };
    expect(hook.electronBinaryPath(ctx)).toBe('/out/mac-arm64/友米待办.app');
  });

  it('fails the build rather than ship unfused when the binary has no fuse wire', async () => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'youmi-pack-'));
    mkdirSync(appOutDir, { recursive: true });
    writeFileSync(join(appOutDir, 'youmi-todo'), 'not electron');
    await expect(
      hook({ appOutDir, electronPlatformName: 'linux', packager: { appInfo: { productFilename: 'x' }, executableName: 'youmi-todo' } }),
    ).rejects.toThrow(/sentinel/);
  });
});
