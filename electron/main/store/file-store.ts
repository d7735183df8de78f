/**
 * The Node KeyValueStore, on conf 15 (the library electron-store is built on, so both
 * hosts write the same plain JSON file). conf gives us the atomic write (via
 * `atomically`: temp file, fsync, rename, with retries for Windows' transient EPERM/EBUSY)
 * and directory creation. What this wrapper adds:
 * - a corrupt or unreadable file is moved aside (`state.corrupt-<time>.json`) and reported
 *   through StateFileError instead of conf's choice of throwing forever or silently
 *   clearing (`clearInvalidConfig`);
 * - compact JSON (conf's default tab-indented output is 46% larger for 10,000 todos);
 * - no second parse on write: conf's `store` setter re-reads the file to keep its
 *   `__internal__` key, which we never use, so our deserializer skips it while writing;
 * - an fsync of the directory after the rename (POSIX), so the rename itself is durable;
 * - leftover temp files of a killed writer are removed on open;
 * - `exclusive`: the cross-process lock (store/state-lock.ts) every writer takes around
 *   its read-merge-write, and a revision precise enough to notice every replacement;
 * - the journal (`<name>.journal`, store/journal.ts) and the cached lists
 *   (`<name>.todos.json`, store/list-file.ts) next to the document, plain `fs` in both
 *   hosts, created only when first written.
 * Deliberately not used: conf's schema/defaults/migrations (the state document is
 * validated and migrated by service/state-schema.ts, identically for electron-store).
 */
import fs from 'node:fs';
import path from 'node:path';
import Conf from 'conf';
import type { JournalPort, KeyValueStore, SideDocPort } from '../service/ports';
import { fsyncDir } from './fsync-dir';
import { parseJsonObjectText } from './json-object-text';
import { createJournal } from './journal';
import { createListFile } from './list-file';
import { moveAside, unusableStateFile } from './move-aside';
import { withStateLock } from './state-lock';

/** What the store needs of conf, or of electron-store, which extends it. */
export interface StoreBackendOptions {
  cwd: string;
  name: string;
  fileExtension: 'json';
  accessPropertiesByDotNotation: false;
  clearInvalidConfig: false;
  configFileMode: number;
  serialize: (value: Record<string, unknown>) => string;
  deserialize: (text: string) => Record<string, unknown>;
}
export type StoreBackend = (options: StoreBackendOptions) => { store: Record<string, unknown> };

/** Plain Node: conf itself. */
const confBackend: StoreBackend = ({ name, ...rest }) =>
  new Conf<Record<string, unknown>>({ ...rest, configName: name, projectName: 'youmi-todo' });

export interface FileStoreOptions {
  dataDir: string;
  /** Default 'state' → `<dataDir>/state.json`. */
  name?: string;
  /** For the file name of a moved-aside file. */
  now?: () => number;
  /** Default conf; the Electron shell passes electron-store (same file, same format). */
  backend?: StoreBackend;
}

export interface FileStore extends KeyValueStore {
  readonly journal: JournalPort;
  readonly lists: SideDocPort;
  /**
   * `writes`/`bytesWritten` count every file written (document, journal appends, cached
   * lists); the others say which: `docWrites`, `appends`, `listWrites`.
   */
  readonly stats: {
    reads: number;
    writes: number;
    bytesWritten: number;
    docWrites: number;
    appends: number;
    listWrites: number;
  };
}

const TEMP_MAX_AGE_MS = 60_000;

export function createFileStore(options: FileStoreOptions): FileStore {
  const name = options.name ?? 'state';
  const dataDir = path.resolve(options.dataDir);
  const file = path.join(dataDir, `${name}.json`);
  const now = options.now ?? Date.now;
  const stats = { reads: 0, writes: 0, bytesWritten: 0, docWrites: 0, appends: 0, listWrites: 0 };
  let writing = false;
  let lastText: string | null = null;
  let lastValue: unknown = undefined;
  const backend = options.backend ?? confBackend;
  let conf: { store: Record<string, unknown> } | null = null;

  fs.mkdirSync(dataDir, { recursive: true });
  for (const temp of [`${name}.json.tmp-`, `${name}.journal.tmp-`, `${name}.todos.json.tmp-`]) removeStaleTemps(dataDir, temp);

  const deserialize = (text: string): Record<string, unknown> => {
    if (writing) return {};
    // conf's constructor parses the file once and `read()` asks again: parse it once.
    if (text === lastText) return lastValue as Record<string, unknown>;
    const value = parseJsonObjectText(text, 'the state file');
    lastText = text;
    lastValue = value;
    return value;
  };
  const serialize = (value: Record<string, unknown>): string => {
    const text = JSON.stringify(value);
    stats.bytesWritten += Buffer.byteLength(text);
    return text;
  };

  const open = (): { store: Record<string, unknown> } => {
    conf ??= backend({
      cwd: dataDir,
      name,
      fileExtension: 'json',
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
      // The document holds the sealed client secret in settings: owner-only.
      configFileMode: 0o600,
      serialize,
      deserialize,
    });
    return conf;
  };

  const fail = (e: unknown): never => {
    conf = null;
    return unusableStateFile(file, e, now());
  };

  return {
    path: file,
    stats,
    journal: createJournal(path.join(dataDir, `${name}.journal`), stats, now),
    lists: createListFile(path.join(dataDir, `${name}.todos.json`), stats, now),
    size() {
      try {
        return fs.statSync(file).size;
      } catch {
        return null;
      }
    },
    read() {
      stats.reads++;
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
      } finally {
        lastText = null;
        lastValue = undefined;
      }
    },
    write(doc) {
      const c = open();
      writing = true;
      try {
        c.store = doc as Record<string, unknown>;
      } finally {
        writing = false;
      }
      stats.writes++;
      stats.docWrites++;
      fsyncDir(dataDir);
    },
    quarantine(reason) {
      conf = null;
      const movedTo = moveAside(file, now());
      void reason;
      return movedTo;
    },
    revision() {
      try {
        // Nanosecond times and the inode: a rename by another writer always changes ctime
        // and the inode, even within one millisecond and at the same size.
        const s = fs.statSync(file, { bigint: true });
        return `${s.mtimeNs}:${s.ctimeNs}:${s.size}:${s.ino}`;
      } catch {
        return null;
      }
    },
    exclusive(fn) {
      return withStateLock(file, fn);
    },
  };
}

function removeStaleTemps(dir: string, prefix: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const p = path.join(dir, n);
    try {
      // A younger temp may belong to another process writing right now (the CLI).
      if (Date.now() - fs.statSync(p).mtimeMs > TEMP_MAX_AGE_MS) fs.unlinkSync(p);
    } catch {
      // gone already
    }
  }
}
