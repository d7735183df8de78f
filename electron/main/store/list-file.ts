/**
 * The cached todo lists (`<name>.todos.json` next to the state document): the bulkiest
 * part of the state and the one that changes least often, so it has its own file, written
 * only when a sync changed a list, never by a reminder or a mark.
 *
 * The same in every host (atomically, as conf writes the document, plus a directory fsync),
 * so after a crash the file is the old list or the new one. A file that cannot be parsed is moved aside and
 * reported (StateFileError); it is only a cache, the next sync fills it again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SideDocPort } from '../service/ports';
import { writeFileSync } from 'atomically';
import { fsyncDir } from './fsync-dir';
import { parseJsonObjectText } from './json-object-text';
import { unusableStateFile } from './move-aside';

export interface ListFileStats {
  writes: number;
  bytesWritten: number;
  listWrites: number;
}

export function createListFile(file: string, stats: ListFileStats, now: () => number): SideDocPort {
  return {
    path: file,
    read() {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        return unusableStateFile(file, e, now());
      }
      try {
        return parseJsonObjectText(text, 'the list file');
      } catch (e) {
        return unusableStateFile(file, e, now());
      }
    },
    write(doc) {
      const data = Buffer.from(JSON.stringify(doc));
      // atomically (as conf does for the document): temp file, fsync, rename, retried on
      // Windows' transient EPERM/EBUSY; then the directory entry made durable.
      writeFileSync(file, data, { mode: 0o600 });
      fsyncDir(path.dirname(file));
      stats.writes++;
      stats.listWrites++;
      stats.bytesWritten += data.length;
    },
  };
}
