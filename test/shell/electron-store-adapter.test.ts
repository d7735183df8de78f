import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createElectronStateStore, createWindowSizeStore } from '../../electron/main/shell/electron-store-adapter';
import { createFileStore } from '../../electron/main/store/file-store';
import { StateFileError } from '../../electron/main/store/state-file-error';

// electron-store imports `electron`; with ELECTRON_OVERRIDE_DIST_PATH set (vitest.config.ts)
// that import is a path string, so the real electron-store runs here as it does in main,
// minus the userData default (we always pass an absolute cwd).
const dir = () => mkdtempSync(join(tmpdir(), 'youmi-estore-'));
const doc = { version: 3, settings: { staffCode: 'b08' }, todos: [{ id: 1, title: '回访' }] };

describe('electron-store state adapter', () => {
  it('reads nothing before the first write, then what was written', () => {
    const d = dir();
    const store = createElectronStateStore({ dataDir: d });
    expect(store.path).toBe(join(d, 'state.json'));
    expect(store.read()).toBeUndefined();
    store.write(doc);
    expect(store.read()).toEqual(doc);
    expect(createElectronStateStore({ dataDir: d }).read()).toEqual(doc);
  });

  it('writes compact JSON, owner-only, and leaves no temp file behind', () => {
    const d = dir();
    const store = createElectronStateStore({ dataDir: d });
    store.write(doc);
    expect(readFileSync(store.path, 'utf8')).toBe(JSON.stringify(doc));
    if (process.platform !== 'win32') expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['state.json']);
  });

  it('moves a corrupt file aside (kept, byte for byte) and reports where, then starts clean', () => {
    const d = dir();
    writeFileSync(join(d, 'state.json'), '{"version":3,"todos":[{"id":1,');
    const store = createElectronStateStore({ dataDir: d, now: () => Date.parse('2026-11-25T02:03:04.005Z') });
    let err: unknown;
    try {
      store.read();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StateFileError);
    const movedTo = (err as StateFileError).movedTo!;
    expect(movedTo).toBe(join(d, 'state.corrupt-2026-11-25T02-03-04-005Z.json'));
    expect(readFileSync(movedTo, 'utf8')).toBe('{"version":3,"todos":[{"id":1,');
    expect(existsSync(join(d, 'state.json'))).toBe(false);
    expect(store.read()).toBeUndefined();
    store.write(doc);
    expect(store.read()).toEqual(doc);
    expect(readFileSync(movedTo, 'utf8')).toBe('{"version":3,"todos":[{"id":1,');
  });

  it('treats JSON that is not an object as corrupt too', () => {
    const d = dir();
    writeFileSync(join(d, 'state.json'), '[1,2,3]');
    expect(() => createElectronStateStore({ dataDir: d }).read()).toThrow(StateFileError);
    expect(readdirSync(d).some((n) => n.startsWith('state.corrupt-'))).toBe(true);
  });

  it('quarantines on request', () => {
    const d = dir();
    const store = createElectronStateStore({ dataDir: d });
    expect(store.quarantine('nothing there')).toBeNull();
    store.write(doc);
    const moved = store.quarantine('version 99');
    expect(moved && existsSync(moved)).toBe(true);
    expect(store.read()).toBeUndefined();
  });

  it('changes its revision when another process replaces the file', async () => {
    const d = dir();
    const store = createElectronStateStore({ dataDir: d });
    expect(store.revision!()).toBeNull();
    store.write(doc);
    const r1 = store.revision!();
    await new Promise((r) => setTimeout(r, 20));
    createFileStore({ dataDir: d }).write({ ...doc, version: 4 });
    expect(store.revision!()).not.toBe(r1);
  });

  it('shares one file format with the Node store (the CLI on the same data dir)', () => {
    const d = dir();
    createElectronStateStore({ dataDir: d }).write(doc);
    expect(createFileStore({ dataDir: d }).read()).toEqual(doc);
    createFileStore({ dataDir: d }).write({ ...doc, version: 4 });
    expect(createElectronStateStore({ dataDir: d }).read()).toEqual({ ...doc, version: 4 });
  });

  it('remembers the window size in its own file', () => {
    const d = dir();
    const sizes = createWindowSizeStore(d);
    expect(sizes.load()).toBeNull();
    sizes.save({ width: 401.4, height: 620 });
    expect(createWindowSizeStore(d).load()).toEqual({ width: 401, height: 620 });
    writeFileSync(join(d, 'window.json'), 'garbage');
    expect(createWindowSizeStore(d).load()).toBeNull();
    expect(existsSync(join(d, 'state.json'))).toBe(false);
  });
});
