/**
 * The KeyValueStore inside Electron: the Node store (store/file-store.ts) with
 * electron-store, which extends conf, as its backend. Same `<dataDir>/state.json`, same
 * compact owner-only JSON, same handling of a corrupt file (moved aside and kept), and the
 * same journal and cached-list files next to it (plain `fs` in both hosts), so the CLI's
 * `--data-dir` and the app share one state.
 */
import path from 'node:path';
import ElectronStore from 'electron-store';
import type { KeyValueStore } from '../service/ports';
import { createFileStore } from '../store/file-store';

export interface ElectronStoreOptions {
  dataDir: string;
  /** Default 'state' → `<dataDir>/state.json`. */
  name?: string;
  now?: () => number;
}

export function createElectronStateStore(options: ElectronStoreOptions): KeyValueStore {
  // electron-store resolves a relative cwd against userData: always hand it an absolute one.
  return createFileStore({
    ...options,
    dataDir: path.resolve(options.dataDir),
    backend: (o) => new ElectronStore<Record<string, unknown>>(o),
  });
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
