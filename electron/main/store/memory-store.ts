/**
 * An in-memory KeyValueStore for tests and benchmarks. It keeps the serialized text, so a
 * test reads back exactly what a file would hold (and the benchmark can count bytes).
 * `serialize: false` keeps a deep copy-free reference instead, for CPU benchmarks that
 * must not measure JSON.
 */
import type { KeyValueStore } from '../service/ports';
import { StateFileError } from './state-file-error';

export interface MemoryStore extends KeyValueStore {
  readonly stats: { reads: number; writes: number; bytesWritten: number };
  /** The raw text last written (undefined when nothing was written). */
  text(): string | undefined;
  /** Replace the stored text (e.g. with garbage) to test recovery. */
  setText(text: string | undefined): void;
  quarantined: string[];
}

export function createMemoryStore(options: { serialize?: boolean; initial?: unknown } = {}): MemoryStore {
  const serialize = options.serialize ?? true;
  let text: string | undefined = options.initial === undefined ? undefined : JSON.stringify(options.initial);
  let ref: unknown = options.initial;
  let rev = 0;
  const stats = { reads: 0, writes: 0, bytesWritten: 0 };
  const store: MemoryStore = {
    path: ':memory:',
    stats,
    quarantined: [],
    read() {
      stats.reads++;
      if (!serialize) return ref;
      if (text === undefined) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch (e) {
        const movedTo = store.quarantine('not JSON');
        throw new StateFileError(`the state could not be read (${String(e)}); moved to ${movedTo}`, movedTo);
      }
    },
    write(doc) {
      stats.writes++;
      rev++;
      if (serialize) {
        text = JSON.stringify(doc);
        stats.bytesWritten += text.length;
      } else ref = doc;
    },
    quarantine(reason) {
      if (text === undefined && ref === undefined) return null;
      store.quarantined.push(`${reason}: ${text ?? ''}`);
      text = undefined;
      ref = undefined;
      rev++;
      return `:memory:corrupt-${store.quarantined.length}`;
    },
    revision() {
      return text === undefined && ref === undefined ? null : String(rev);
    },
    text: () => text,
    setText(t) {
      text = t;
      rev++;
    },
  };
  return store;
}
