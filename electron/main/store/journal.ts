/**
 * The state journal: `<name>.journal` next to the state document, one JSON batch per line
 * (JSON Lines), only ever appended. A batch costs what it holds, never the list size; the
 * state compacts the journal into the document now and then (service/local-state.ts).
 *
 * Plain `fs` in every host (Electron too): an append is one write on an O_APPEND file
 * followed by fdatasync, done by the caller under the cross-process state lock.
 * - A last line without its newline is an append cut short by a crash: it was never
 *   acknowledged, so it is ignored, and the next append cuts it off first.
 * - `sync` on an append makes it durable (fdatasync) before it returns; without it the
 *   batch survives the process being killed (it is in the page cache) and reaches the
 *   disk with the next synced append or the kernel's writeback.
 * - A line elsewhere that is not JSON is counted (the caller reports it) and skipped.
 * - `reset` replaces the journal by an empty file (rename), so a reader holding an offset
 *   into the old one sees a new identity instead of reading from the middle of a line.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { JournalPort } from '../service/ports';
import { moveAside } from './move-aside';
import { writeFileSync } from 'atomically';
import { fsyncDir } from './fsync-dir';
import { watchJournal } from './journal-watch';

export interface JournalStats {
  writes: number;
  bytesWritten: number;
  appends: number;
}

const NEWLINE = 0x0a;

/**
 * On POSIX the journal stays open from one append to the next (an open with O_CREAT and a
 * close were a third of an append's system time), and is used only while it is still the
 * file the caller's stat under the lock found: a compaction by anyone replaces the file,
 * and then the next append opens the new one. Windows opens it per append, so that another
 * process's compaction can always rename over it.
 */
const KEEP_OPEN = process.platform !== 'win32';

const identity = (s: fs.BigIntStats): string => `${s.ino}:${s.birthtimeNs}`;

export function createJournal(file: string, stats: JournalStats, now: () => number): JournalPort {
  const dir = path.dirname(file);
  const watch = watchJournal(file);
  let held: { fd: number; id: string } | null = null;
  const closeHeld = () => {
    if (held) fs.closeSync(held.fd);
    held = null;
  };
  /** The journal for an append whose caller last saw it as `knownId`. */
  const openFor = (knownId: string | null): number => {
    if (held && held.id === knownId) return held.fd;
    closeHeld();
    const fd = fs.openSync(file, 'a+', 0o600);
    if (KEEP_OPEN) held = { fd, id: identity(fs.fstatSync(fd, { bigint: true })) };
    return fd;
  };
  return {
    path: file,
    mayHaveChanged: watch.mayHaveChanged,
    close() {
      closeHeld();
      watch.close();
    },
    stat() {
      try {
        const s = fs.statSync(file, { bigint: true });
        return { id: identity(s), size: Number(s.size) };
      } catch {
        return null;
      }
    },
    read(from) {
      let buf: Buffer;
      try {
        buf = readFrom(file, from);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { batches: [], corrupt: 0, torn: false, end: 0 };
        throw e;
      }
      const batches: unknown[] = [];
      let corrupt = 0;
      let start = 0;
      for (let nl = buf.indexOf(NEWLINE); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
        const line = buf.toString('utf8', start, nl).trim();
        start = nl + 1;
        if (line === '') continue;
        try {
          batches.push(JSON.parse(line));
        } catch {
          corrupt++;
        }
      }
      // biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL-filled tail after a crash is not a line
      const torn = buf.toString('utf8', start).replace(/[\u0000\s]+$/, '') !== '';
      return { batches, corrupt, torn, end: from + start };
    },
    append(line, knownEnd, sync, knownId, endsAtKnownEnd = false) {
      const data = Buffer.from(line.endsWith('\n') ? line : `${line}\n`);
      watch.wrote();
      const reused = held !== null && held.id === knownId;
      const fd = openFor(knownId);
      let start: number;
      try {
        // The caller's stat under the lock saw this very file end where it read to.
        start = reused && endsAtKnownEnd ? knownEnd : fs.fstatSync(fd).size;
        if (start > knownEnd) start = cutTornTail(fd, knownEnd, start);
        // Under the state lock nobody else appends: the batch ends where we put it (one
        // stat less per append; a short write throws and the retry cuts it off first).
        if (fs.writeSync(fd, data) !== data.length) throw new Error('the journal append was cut short');
        if (sync) fs.fdatasyncSync(fd);
      } catch (e) {
        // The retry opens the journal afresh, whatever state this descriptor is in.
        if (held?.fd === fd) held = null;
        throw e;
      } finally {
        if (held?.fd !== fd) fs.closeSync(fd);
      }
      // Compaction always leaves a journal file; an empty one may have just been made here,
      // and then its directory entry needs syncing (after a compaction this is one spare sync).
      if (start === 0) fsyncDir(dir);
      const end = start + data.length;
      stats.writes++;
      stats.appends++;
      stats.bytesWritten += data.length;
      return end;
    },
    reset(keepAside) {
      // A journal with damaged lines is kept for support (`state.corrupt-<time>.journal`).
      watch.wrote();
      closeHeld();
      const kept = keepAside && fs.existsSync(file) ? moveAside(file, now()) : null;
      // Always a new file, even where there was none: its new identity tells every reader
      // that the document was compacted, from one stat of the journal.
      writeFileSync(file, '', { mode: 0o600 });
      fsyncDir(dir);
      return kept;
    },
  };
}

function readFrom(file: string, from: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - from));
    let got = 0;
    while (got < buf.length) {
      const n = fs.readSync(fd, buf, got, buf.length - got, from + got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Cuts an unfinished last line (a writer killed mid-append) so the next batch starts on a
 * line of its own; returns the offset where that batch will start. Only under the state
 * lock, where nobody else is mid-append, and only when what follows the last line the
 * caller read holds no newline: a torn line, never another writer's batch. Otherwise the
 * batch just starts on a new line.
 */
function cutTornTail(fd: number, knownEnd: number, size: number): number {
  const rest = Buffer.alloc(size - knownEnd);
  fs.readSync(fd, rest, 0, rest.length, knownEnd);
  if (rest.includes(NEWLINE)) {
    if (rest[rest.length - 1] === NEWLINE) return size;
    fs.writeSync(fd, '\n');
    return size + 1;
  }
  fs.ftruncateSync(fd, knownEnd);
  return knownEnd;
}
