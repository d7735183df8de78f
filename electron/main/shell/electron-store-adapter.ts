/**
 * The KeyValueStore inside Electron, on electron-store. Same file and format as the Node
 * store (store/file-store.ts, on conf, which electron-store extends): `<dataDir>/state.json`,
 * compact JSON, owner-only, so the CLI's `--data-dir` and the app share one state.
 *
 * electron-store with `clearInvalidConfig: true` would return an empty store for a corrupt
 * file and overwrite it on the next write; with `false` (what we use) its constructor and
 * every read throw forever. Neither keeps the file and starts clean, so a read error moves
 * the file aside (`state.corrupt-<time>.json`) and throws StateFileError with that path.
 */
import fs from 'node:fs';
import path from 'node:path';
import ElectronStore from 'electron-store';
import type { KeyValueStore } from '../service/ports';
import { moveAside, unusableStateFile } from '../store/move-aside';

export interface ElectronStoreOptions {
  dataDir: string;
  /** Default 'state' → `<dataDir>/state.json`. */
  name?: string;
  now?: () => number;
}

type Doc = Record<string, unknown>;

export function createElectronStateStore(options: ElectronStoreOptions): KeyValueStore {
  const name = options.name ?? 'state';
  // electron-store resolves a relative cwd against userData: always hand it an absolute one.
  const dataDir = path.resolve(options.dataDir);
  const file = path.join(dataDir, `${name}.json`);
  const now = options.now ?? Date.now;
  let store: ElectronStore<Doc> | null = null;
  let writing = false;

  fs.mkdirSync(dataDir, { recursive: true });

  const deserialize = (text: string): Doc => {
    // The setter re-reads the file only to keep conf's __internal__ key, which we never use.
    if (writing) return {};
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new SyntaxError('the state file is not a JSON object');
    }
    return value as Doc;
  };

  const open = (): ElectronStore<Doc> => {
    store ??= new ElectronStore<Doc>({
      cwd: dataDir,
      name,
      fileExtension: 'json',
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
      // The document holds the sealed client secret: owner-only.
      configFileMode: 0o600,
      serialize: (value) => JSON.stringify(value),
      deserialize,
    });
    return store;
  };

  const fail = (e: unknown): never => {
    store = null;
    return unusableStateFile(file, e, now());
  };

  return {
    path: file,
    read() {
      let st: fs.Stats;
      try {
        st = fs.statSync(file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        return fail(e);
      }
      if (!st.isFile()) return fail(new Error('not a regular file'));
      try {
        return open().store;
      } catch (e) {
        return fail(e);
      }
    },
    write(doc) {
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new TypeError('the state document must be an object');
      const s = open();
      writing = true;
      try {
        // Atomic: conf writes through `atomically` (temp file, fsync, rename).
        s.store = doc as Doc;
      } finally {
        writing = false;
      }
    },
    quarantine(reason) {
      void reason;
      store = null;
      return moveAside(file, now());
    },
    revision() {
      try {
        const s = fs.statSync(file);
        return `${s.mtimeMs}:${s.size}:${s.ino}`;
      } catch {
        return null;
      }
    },
  };
}

/** The popup's remembered size, in its own small file so it never touches the state document. */
export function createWindowSizeStore(dataDir: string): {
  load(): { width: number; height: number } | null;
  save(size: { width: number; height: number }): void;
} {
  let store: ElectronStore<{ width?: number; height?: number }> | null = null;
  const open = () =>
    (store ??= new ElectronStore<{ width?: number; height?: number }>({
      cwd: path.resolve(dataDir),
      name: 'window',
      // A damaged size file is worth nothing: start from the default size.
      clearInvalidConfig: true,
    }));
  return {
    load() {
      try {
        const { width, height } = open().store;
        return typeof width === 'number' && typeof height === 'number' ? { width, height } : null;
      } catch {
        return null;
      }
    },
    save(size) {
      try {
        open().store = { width: Math.round(size.width), height: Math.round(size.height) };
      } catch {
        // Not worth more than the default size next time.
      }
    },
  };
}
