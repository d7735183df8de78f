/**
 * The cross-process lock around read-merge-write of the state file (proper-lockfile: an
 * atomic mkdir of `<file>.lock`, taken over when its mtime is older than `staleMs`, so a
 * writer killed with the lock held blocks the others for at most that long).
 *
 * Synchronous on purpose: a user's mark is on disk before `markDone` returns, and the
 * hold time is one file write (milliseconds). proper-lockfile's sync API has no retries,
 * so the wait between attempts is a short blocking sleep with jitter.
 *
 * The uncontended case, nearly every write, takes the same lock directory with one
 * `mkdir` and frees it with one `rmdir`: proper-lockfile's own bookkeeping costs about
 * three times that, which a journal append (a few hundred bytes) would otherwise pay on
 * every reminder. Only when the directory exists does proper-lockfile decide (a stale
 * lock of a dead writer is taken over, a live one waited for).
 */
import fs from 'node:fs';
import lockfile from 'proper-lockfile';

export interface StateLockOptions {
  /** A lock older than this belongs to a dead writer. Default 10 s (proper-lockfile's). */
  staleMs?: number;
  /** Give up (the write fails and is retried later) after this. Default 15 s. */
  waitMs?: number;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

export function withStateLock<T>(file: string, fn: () => T, options: StateLockOptions = {}): T {
  const staleMs = options.staleMs ?? 10_000;
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  let release: (() => void) | null = takeFree(`${file}.lock`);
  for (let attempt = 0; release === null; attempt++) {
    try {
      release = lockfile.lockSync(file, { realpath: false, stale: staleMs });
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

/** The lock when nobody holds it: its directory made by us, or null when it exists. */
function takeFree(dir: string): (() => void) | null {
  try {
    fs.mkdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw e;
  }
  const ours = identity(dir);
  return () => {
    // Taken over as stale while we held it (a hold longer than staleMs): not ours to free.
    if (ours !== null && identity(dir) !== ours) return;
    fs.rmdirSync(dir);
  };
}

function identity(dir: string): string | null {
  try {
    const s = fs.statSync(dir, { bigint: true });
    return `${s.ino}:${s.birthtimeNs}`;
  } catch {
    return null;
  }
}
