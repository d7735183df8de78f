/**
 * The edges of the todo service. Each host (Electron shell, CLI, browser host) and each
 * test plugs its own implementation in; the service itself never touches Electron,
 * the real clock, the disk or the network directly.
 */
import type { Todo } from '../../../shared/todo';
import type { ReminderEvent } from '../../../shared/contract/types';

/**
 * Wall-clock time plus one-shot timers. Timers are wall-clock deadlines: a timer set for
 * `ms` fires once `now()` has reached (set time + ms), even across sleep or a manual clock
 * change (the system clock re-checks at least once a minute). Tests use a virtual clock
 * that can jump.
 */
export interface Clock {
  now(): number;
  /** Calls `fn` once after `ms` (as measured by this clock). */
  setTimer(fn: () => void, ms: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  /**
   * Wall-clock jumps the clock noticed itself (sleep/resume, manual change, NTP step):
   * `deltaMs` is how far the wall clock moved beyond (or behind) elapsed monotonic time.
   * Optional: without it the service still catches jumps when one of its timers fires late.
   */
  onJump?(listener: (deltaMs: number) => void): () => void;
}
export type TimerHandle = { readonly id: number } | object;

/** Shows a reminder to the user (native notification, browser notification, a CLI line). */
export interface Notifier {
  notify(reminder: ReminderEvent): void;
}

/**
 * Whole-document persistence of the service's state (plain JSON). `read` returns undefined
 * when there is nothing yet; when the file cannot be used it moves it aside (kept) and
 * throws a StateFileError (store/state-file-error.ts) carrying the new path. `write` must
 * be atomic: after a crash the file is the old document or the new one.
 */
export interface KeyValueStore {
  read(): unknown;
  write(doc: unknown): void;
  /**
   * Moves the current file aside (kept next to it, for support) because it parsed but is
   * not a usable state document (unknown version, wrong shape). Returns the new path, or
   * null when there was no file.
   */
  quarantine(reason: string): string | null;
  /**
   * A cheap token that changes whenever another process replaces the file (e.g. mtime,
   * size and inode), or null when there is no file. Lets a running service notice the
   * CLI's `done`/`snooze` and merge them instead of overwriting them. Optional.
   */
  revision?(): string | null;
  /**
   * Runs `fn` (read-merge-write) while holding a lock that every process writing this
   * store honours, so no writer replaces a file another wrote after it last read. Optional:
   * a store only one process can see needs none.
   */
  exclusive?<T>(fn: () => T): T;
  /**
   * Optional: an append-only journal next to the document. With it, LocalState writes
   * marks and reminder bookkeeping as small appended batches and rewrites the document
   * only to compact them; without it (the memory store) every write is the whole document.
   */
  journal?: JournalPort;
  /** Optional, with `journal`: the cached todo lists, in a file of their own. */
  lists?: SideDocPort;
  /** The document's size in bytes, or null when there is none. Optional. */
  size?(): number | null;
  readonly path: string;
}

/** What a journal read found from an offset on. */
export interface JournalRead {
  /** One parsed JSON value per complete line, in order. */
  batches: unknown[];
  /** Lines that were not JSON (skipped; the caller reports them). */
  corrupt: number;
  /** A last line without its newline: an append a crash cut short, never acknowledged. */
  torn: boolean;
  /** Offset just after the last complete line: where the next read starts. */
  end: number;
}

/** An append-only file of JSON lines (store/journal.ts). Every call is synchronous. */
export interface JournalPort {
  readonly path: string;
  read(from: number): JournalRead;
  /**
   * Appends one line; with `sync` it is durable (fdatasync) before this returns. `knownEnd`
   * is where the caller read to: bytes after it without a newline are a torn line (a
   * writer killed mid-append) and are cut first. `knownId` is the journal's identity as the
   * caller's last `stat` under the lock found it (null: none yet); `endsAtKnownEnd`: that
   * stat also found it ending at `knownEnd`, so no torn line needs looking for. Returns
   * the new size.
   */
  append(line: string, knownEnd: number, sync: boolean, knownId: string | null, endsAtKnownEnd?: boolean): number;
  /**
   * Replaces the journal by a new empty one once its batches are in the document (always
   * a new file, so its identity changes). With `keepAside` (it had damaged lines) the old
   * one is kept for support; returns where, or null.
   */
  reset(keepAside: boolean): string | null;
  /** Identity and size; any append or replacement changes it. Null when there is none. */
  stat(): { id: string; size: number } | null;
  /**
   * A hint without a system call: false when nobody (this process or another) can have
   * written the journal since the last call that returned true (store/journal-watch.ts).
   */
  mayHaveChanged(): boolean;
  /** Stops watching (the state closed). */
  close(): void;
}

/** A JSON document of its own, replaced atomically; `read` moves an unusable one aside. */
export interface SideDocPort {
  readonly path: string;
  read(): unknown;
  write(doc: unknown): void;
}

/** Where todos come from: the Youmi API client in production and in tests (over loopback). */
export interface TodoSource {
  /**
   * The staff member's open todos addressed to them (all pages). `skipped`: items that
   * could not be parsed; `incomplete`: paging stopped early. Either way a todo missing
   * from this list is not evidence that it is gone.
   */
  listMyOpenTodos(staff: string): Promise<{ todos: Todo[]; skipped: number; incomplete?: boolean }>;
  /** One todo by id in any state, or null when the server no longer has it. */
  getTodo(id: number): Promise<Todo | null>;
}
