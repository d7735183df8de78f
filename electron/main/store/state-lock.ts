/**
 * The cross-process lock around read-merge-write of the state file (proper-lockfile: an
 * atomic exclusive create of `<file>.lock`, taken over when its mtime is older than
 * `staleMs`, so a writer killed with the lock held blocks the others for at most that long).
 *
 * Synchronous on purpose: a user's mark is on disk before `markDone` returns, and the
 * hold time is one file write (milliseconds). proper-lockfile's sync API has no retries,
 * so the wait between attempts is a short blocking sleep with jitter.
 *
 * The lock entry is an empty file made with O_EXCL, not proper-lockfile's directory: the
 * library takes its file system as an option, and `lockEntryFs` below gives it one whose
 * `mkdir` creates the file exclusively and whose `rmdir` removes it. Both are as atomic as
 * the directory (create fails with EEXIST whoever holds the name), but removing a
 * directory frees a data block through the file system's journal: measured here, a
 * directory costs 95 µs of wall time per take-and-free against 14 µs for a file, paid on
 * every reminder batch. An older version's lock directory is still honoured: creating the
 * file fails on it with EEXIST, and a stale one is removed as a directory.
 *
 * The uncontended case, nearly every write, creates the entry itself and removes it; only
 * when the entry exists does proper-lockfile decide (a stale lock of a dead writer is taken
 * over, a live one waited for).
 */
import fs from 'node:fs';
import lockfile from 'proper-lockfile';

export interface StateLockOptions {
  /** A lock older than this belongs to a dead writer. Default 10 s (proper-lockfile's). */
  staleMs?: number;
  /** Give up (the write fails and is retried later) after this. Default 15 s. */
  waitMs?: number;
  /** How long a hold lasted is read from both (tests pass their own). */
  clocks?: { wall(): number; mono(): number };
}

const realClocks = { wall: () => Date.now(), mono: () => performance.now() };

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

/** Makes the lock entry; throws EEXIST when anyone holds it (file or older directory). */
function createEntry(p: string): void {
  fs.closeSync(fs.openSync(p, 'wx', 0o600));
}

/** Removes the lock entry, whichever kind it is. */
function removeEntry(p: string): void {
  try {
    fs.unlinkSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // unlink on a directory: EISDIR on Linux, EPERM on macOS and Windows.
    if (code !== 'EISDIR' && code !== 'EPERM') throw e;
    fs.rmdirSync(p);
  }
}

/** What proper-lockfile calls (its sync API wraps the `…Sync` methods); the rest is `fs`. */
const lockEntryFs = {
  ...fs,
  mkdirSync: (p: string) => createEntry(p),
  rmdirSync: (p: string) => removeEntry(p),
};

export function withStateLock<T>(file: string, fn: () => T, options: StateLockOptions = {}): T {
  const staleMs = options.staleMs ?? 10_000;
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  let release: (() => void) | null = takeFree(`${file}.lock`, staleMs, options.clocks ?? realClocks);
  for (let attempt = 0; release === null; attempt++) {
    try {
      release = lockfile.lockSync(file, { realpath: false, stale: staleMs, fs: lockEntryFs });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
      if (Date.now() >= deadline) throw new Error(`the state file is locked by another process (${file}.lock)`);
      sleep(Math.min(50, 2 + attempt) + Math.random() * 5);
    }
  }
  try {
    return fn();
  } finally {
    try {
      release();
    } catch {
      // Taken over as stale while we held it (a write slower than staleMs): nothing to free.
    }
  }
}

/**
 * The lock when nobody holds it: its entry made by us, or null when it exists.
 *
 * Another writer takes an entry over only once its mtime (our create) is `staleMs` old, so
 * after a hold shorter than half of that, by the wall clock and the monotonic one alike,
 * the entry is still ours and is removed at once. After a longer hold (a laptop that slept
 * mid-write, a clock that jumped) it is removed only if it is still the file we created.
 * That keeps the common take-and-free at three system calls (create, close, unlink).
 */
function takeFree(entry: string, staleMs: number, clocks: typeof realClocks): (() => void) | null {
  let fd: number;
  try {
    fd = fs.openSync(entry, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw e;
  }
  const wall = clocks.wall();
  const mono = clocks.mono();
  return () => {
    const held = Math.max(clocks.wall() - wall, clocks.mono() - mono);
    let ours: string | null = null;
    try {
      if (held >= staleMs / 2) ours = identity(fs.fstatSync(fd, { bigint: true }));
    } finally {
      // Closed before the entry is removed: on Windows a name still open is not free yet.
      fs.closeSync(fd);
    }
    if (ours !== null) {
      const now = fs.statSync(entry, { bigint: true, throwIfNoEntry: false });
      if (now === undefined || identity(now) !== ours) return;
    }
    removeEntry(entry);
  };
}

/** Inode and birth time: a new entry under the same name differs in one of them. */
const identity = (s: fs.BigIntStats): string => `${s.ino}:${s.birthtimeNs}`;
