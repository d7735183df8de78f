/** Making a new file durable in place: the rename, and the directory entry it changed. */
import fs from 'node:fs';
import path from 'node:path';

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const RETRY_CODES = new Set(['EPERM', 'EBUSY', 'EACCES']);

/**
 * Renames `temp` over `file` and fsyncs the directory. On Windows a reader holding the
 * target open for a moment makes the rename fail with EPERM/EBUSY: it is retried for up to
 * about a second (as `atomically` does for the document) before the error stands.
 */
export function replaceFile(temp: string, file: string): void {
  for (let attempt = 0; ; attempt++) {
    try {
      fs.renameSync(temp, file);
      break;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !RETRY_CODES.has(code) || attempt >= 20) throw e;
      Atomics.wait(sleeper, 0, 0, 50);
    }
  }
  fsyncDir(path.dirname(file));
}

/** Makes a rename or a new file in `dir` durable (POSIX); Windows has no directory fsync. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
