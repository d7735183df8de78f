/**
 * The cross-process lock around read-merge-write of the state file: the name
 * `<file>.lock`, which exactly one process can make (the others get EEXIST), removed when
 * the hold ends. A lock older than `staleMs` belongs to a dead writer and is taken over,
 * so a writer killed with the lock held blocks the others for at most that long.
 *
 * Synchronous on purpose: a user's mark is on disk before `markDone` returns, and the
 * hold time is one file write (milliseconds). The wait between attempts is a short
 * blocking sleep with jitter.
 *
 * How the name is made, and why not a directory (proper-lockfile's mkdir, used before):
 * the lock is taken for every journal append, about once per 10 s of reminders all day
 * (~8,600 times in bench:reminders at 10,000 todos), and on ext4 next to an appended
 * journal a lock cycle cost 47–61 µs of CPU as mkdir + rmdir, 36 µs as a created and
 * unlinked file, 14 µs as a hard link to a permanent empty file (`<file>.lock-base`),
 * which allocates no inode.
 * - POSIX: the hard link. link() stamps the inode's change time (POSIX requires it), in
 *   the same step that makes the name, so the lock's age needs no second call.
 * - Windows: a new empty file (O_EXCL); whether NTFS stamps a file's change time when a
 *   link is added is not something to rely on, and its creation time is the lock's age.
 * Every kind is one atomic creation of the same name, so any two exclude each other, and
 * a lock directory left by an older version is waited for, or taken over when stale (by
 * its mtime, which proper-lockfile kept fresh), just the same.
 */
import fs from 'node:fs';

export type LockKind = 'link' | 'file';

export interface StateLockOptions {
  /** A lock older than this belongs to a dead writer. Default 10 s. */
  staleMs?: number;
  /** Give up (the write fails and is retried later) after this. Default 15 s. */
  waitMs?: number;
  /** The clock the lock's age is judged by (tests). Default Date.now. */
  now?: () => number;
  /** How the lock's name is made (tests). Default by platform, see above. */
  kind?: LockKind;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

const defaultKind: LockKind = process.platform === 'win32' ? 'file' : 'link';

export function withStateLock<T>(file: string, fn: () => T, options: StateLockOptions = {}): T {
  const lock = `${file}.lock`;
  const staleMs = options.staleMs ?? 10_000;
  const now = options.now ?? Date.now;
  const kind = options.kind ?? defaultKind;
  const deadline = now() + (options.waitMs ?? 15_000);
  let ours = take(lock, kind);
  for (let attempt = 0; ours === null; attempt++) {
    if (!removeIfStale(lock, staleMs, now)) {
      if (now() >= deadline) throw new Error(`the state file is locked by another process (${lock})`);
      sleep(Math.min(50, 2 + attempt) + Math.random() * 5);
    }
    ours = take(lock, kind);
  }
  try {
    return fn();
  } finally {
    // Taken over as stale while we held it (a hold longer than staleMs): not ours to free.
    if (identityAt(lock) === ours) removeQuietly(lock, false);
  }
}

/** Makes the lock's name; its identity, or null when someone holds the lock. */
function take(lock: string, kind: LockKind): string | null {
  try {
    if (kind === 'file') {
      const fd = fs.openSync(lock, 'wx', 0o600);
      try {
        return identity(fs.fstatSync(fd, { bigint: true }));
      } finally {
        fs.closeSync(fd);
      }
    }
    link(lock);
    return identityAt(lock);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Windows: a lock just removed by another process can be "delete pending" for a moment.
    if (code === 'EEXIST' || (process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES'))) return null;
    throw e;
  }
}

function link(lock: string): void {
  const base = `${lock}-base`;
  try {
    fs.linkSync(base, lock);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    // The first lock in this directory: make the base file ('a' leaves an existing one be).
    fs.closeSync(fs.openSync(base, 'a', 0o600));
    fs.linkSync(base, lock);
  }
}

/** True when the lock is gone or was stale and removed (then try again at once). */
function removeIfStale(lock: string, staleMs: number, now: () => number): boolean {
  let s: fs.Stats;
  try {
    s = fs.lstatSync(lock);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw e;
  }
  // A link's age is its change time, a new file's or an old lock directory's its mtime.
  if (now() - Math.max(s.mtimeMs, s.ctimeMs) <= staleMs) return false;
  return removeQuietly(lock, s.isDirectory());
}

function removeQuietly(lock: string, isDir: boolean): boolean {
  try {
    if (isDir) fs.rmdirSync(lock);
    else fs.unlinkSync(lock);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Inode and change time (and birth time, for a new file): every link holder has the same
 * inode, but its change time is stamped by each link, and a takeover comes at least
 * `staleMs` after the hold it replaces.
 */
const identity = (s: fs.BigIntStats): string => `${s.ino}:${s.ctimeNs}:${s.birthtimeNs}`;

function identityAt(lock: string): string | null {
  try {
    return identity(fs.statSync(lock, { bigint: true }));
  } catch {
    return null;
  }
}
