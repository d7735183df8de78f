/** Making a rename or a new file durable: the directory entry it changed (POSIX). */
import fs from 'node:fs';

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
