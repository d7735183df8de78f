/** The journal file itself (store/journal.ts): appends, reads from an offset, torn and damaged lines, reset. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createJournal } from '../../electron/main/store/journal';

let dir: string;
let file: string;
const stats = () => ({ writes: 0, bytesWritten: 0, appends: 0 });
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-journal-'));
  file = path.join(dir, 'state.journal');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the journal file', () => {
  it('appends lines and reads them back from any offset; each append returns the new end', () => {
    const s = stats();
    const j = createJournal(file, s, Date.now);
    expect(j.stat()).toBeNull();
    expect(j.read(0)).toEqual({ batches: [], corrupt: 0, torn: false, end: 0 });
    const end1 = j.append('{"q":1,"e":[]}', 0, true, null);
    const end2 = j.append('{"q":2,"e":[]}\n', end1, false, j.stat()!.id);
    expect(end2).toBe(fs.statSync(file).size);
    expect(j.read(0).batches).toEqual([
      { q: 1, e: [] },
      { q: 2, e: [] },
    ]);
    expect(j.read(end1)).toEqual({ batches: [{ q: 2, e: [] }], corrupt: 0, torn: false, end: end2 });
    expect(s).toEqual({ writes: 2, appends: 2, bytesWritten: end2 });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a torn last line (a writer killed mid-append) is ignored, and the next append cuts it off', () => {
    const j = createJournal(file, stats(), Date.now);
    const end1 = j.append('{"q":1,"e":[]}', 0, true, null);
    fs.appendFileSync(file, '{"q":2,"e":[["b08","done","5",{"doneAt"');
    const r = j.read(0);
    expect(r).toEqual({ batches: [{ q: 1, e: [] }], corrupt: 0, torn: true, end: end1 });
    j.append('{"q":2,"e":[]}', r.end, true, j.stat()!.id);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"q":1,"e":[]}\n{"q":2,"e":[]}\n');
  });

  it('never cuts what another writer appended after the offset read: the batch starts on a new line', () => {
    const j = createJournal(file, stats(), Date.now);
    j.append('{"q":1,"e":[]}', 0, true, null);
    const other = createJournal(file, stats(), Date.now);
    const end = other.append('{"q":2,"e":[]}', fs.statSync(file).size, true, j.stat()!.id);
    fs.appendFileSync(file, '{"q":3,"e":'); // torn after q2
    j.append('{"q":4,"e":[]}', 15, true, j.stat()!.id); // j only read up to q1's end
    const r = j.read(0);
    expect(r.batches.map((b) => (b as { q: number }).q)).toEqual([1, 2, 4]);
    expect(r.corrupt).toBe(1); // q3's fragment, now a line of its own, counted and skipped
    expect(end).toBe(30);
  });

  it('stays open between appends (POSIX) while the journal is the file the caller saw, and follows a replacement', () => {
    const j = createJournal(file, stats(), Date.now);
    const spy = vi.spyOn(fs, 'openSync');
    const opens = () => spy.mock.calls.filter(([p]) => p === file).length;
    const perAppend = process.platform === 'win32'; // there another process must be able to rename over it
    try {
      let end = j.append('{"q":1,"e":[]}', 0, false, null);
      for (const q of [2, 3]) end = j.append(`{"q":${q},"e":[]}`, end, false, j.stat()!.id);
      expect(opens()).toBe(perAppend ? 3 : 1);
      // Another writer compacts: a new, empty journal under the same name.
      createJournal(file, stats(), Date.now).reset(false);
      const now = j.stat()!;
      j.append('{"q":4,"e":[]}', now.size, false, now.id);
      expect(opens()).toBe(perAppend ? 4 : 2);
      expect(fs.readFileSync(file, 'utf8')).toBe('{"q":4,"e":[]}\n');
    } finally {
      spy.mockRestore();
      j.close();
    }
  });

  it('an append the caller saw end where it read (its stat under the lock) takes no look of its own; otherwise it looks', () => {
    const j = createJournal(file, stats(), Date.now);
    let end = j.append('{"q":1,"e":[]}', 0, false, null);
    const spy = vi.spyOn(fs, 'fstatSync');
    try {
      end = j.append('{"q":2,"e":[]}', end, false, j.stat()!.id, true);
      expect(spy).toHaveBeenCalledTimes(process.platform === 'win32' ? 1 : 0);
      fs.appendFileSync(file, '{"q":3,"e":'); // a writer killed mid-append
      // The caller's stat saw the file longer than it read: the append looks, and cuts.
      end = j.append('{"q":4,"e":[]}', end, false, j.stat()!.id, false);
      expect(fs.readFileSync(file, 'utf8')).toBe('{"q":1,"e":[]}\n{"q":2,"e":[]}\n{"q":4,"e":[]}\n');
      expect(end).toBe(fs.statSync(file).size);
    } finally {
      spy.mockRestore();
      j.close();
    }
  });

  it('a damaged line in the middle is counted and skipped; the lines around it are read', () => {
    fs.writeFileSync(file, '{"q":1,"e":[]}\nnot json at all\n\n{"q":3,"e":[]}\n');
    const r = createJournal(file, stats(), Date.now).read(0);
    expect(r.batches).toEqual([
      { q: 1, e: [] },
      { q: 3, e: [] },
    ]);
    expect(r.corrupt).toBe(1);
    expect(r.torn).toBe(false);
  });

  it('a zero-filled tail (a crash while the file grew) is not a torn line', () => {
    fs.writeFileSync(file, Buffer.concat([Buffer.from('{"q":1,"e":[]}\n'), Buffer.alloc(64)]));
    const r = createJournal(file, stats(), Date.now).read(0);
    expect(r.torn).toBe(false);
    expect(r.batches).toHaveLength(1);
  });

  it('reset leaves an empty journal with a new identity, and keeps a damaged one aside', () => {
    const j = createJournal(file, stats(), () => Date.parse('2025-01-06T01:00:00Z'));
    expect(j.reset(false)).toBeNull();
    const empty = j.stat()!;
    expect(empty.size).toBe(0);
    j.append('{"q":1,"e":[]}', 0, true, empty.id);
    expect(j.reset(false)).toBeNull();
    const after = j.stat()!;
    expect(after.size).toBe(0);
    expect(after.id).not.toBe(empty.id);
    fs.writeFileSync(file, 'garbage\n');
    const kept = j.reset(true)!;
    expect(kept).toMatch(/state\.corrupt-2025-01-06T01-00-00-000Z\.journal$/);
    expect(fs.readFileSync(kept, 'utf8')).toBe('garbage\n');
    expect(j.stat()!.size).toBe(0);
    expect(fs.readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});
