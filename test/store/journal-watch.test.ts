/**
 * The journal's change hint (store/journal-watch.ts): false only while nobody wrote, seen
 * from another process through the directory watch, and at once from this process.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJournal, type JournalStats } from '../../electron/main/store/journal';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-watch-'));
  file = path.join(dir, 'state.journal');
  fs.writeFileSync(file, '');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const stats = (): JournalStats => ({ writes: 0, bytesWritten: 0, appends: 0 });
const journal = () => createJournal(file, stats(), Date.now);

/** Runs a script in another process and waits for it to end, then for one event-loop turn. */
async function otherProcess(script: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', script], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(0);
  // The watch's event was queued before the process ended: one poll phase delivers it.
  await new Promise(setImmediate);
}

describe("the journal's change hint", () => {
  it('says no change while nobody writes, and sees an append by another process', async () => {
    const j = journal();
    expect(j.mayHaveChanged()).toBe(true); // the first look is always a real one
    expect(j.mayHaveChanged()).toBe(false);
    await otherProcess(`require('fs').appendFileSync(${JSON.stringify(file)}, '{"q":1,"e":[]}\\n')`);
    expect(j.mayHaveChanged()).toBe(true);
    expect(j.mayHaveChanged()).toBe(false);
    j.close();
  });

  it('sees the journal replaced by another process (a compaction renames a new file over it)', async () => {
    const j = journal();
    j.mayHaveChanged();
    expect(j.mayHaveChanged()).toBe(false);
    const tmp = `${file}.tmp-1`;
    await otherProcess(`const fs = require('fs'); fs.writeFileSync(${JSON.stringify(tmp)}, ''); fs.renameSync(${JSON.stringify(tmp)}, ${JSON.stringify(file)})`);
    expect(j.mayHaveChanged()).toBe(true);
    j.close();
  });

  it('sees a write by another store in this process at once, before any event-loop turn', () => {
    const mine = journal();
    const theirs = journal();
    mine.mayHaveChanged();
    expect(mine.mayHaveChanged()).toBe(false);
    theirs.append('{"q":1,"e":[]}', 0, false, theirs.stat()!.id);
    expect(mine.mayHaveChanged()).toBe(true);
    theirs.reset(false);
    expect(mine.mayHaveChanged()).toBe(true);
    mine.close();
    theirs.close();
  });

  it('where the directory cannot be watched, every look is a real one', () => {
    const j = createJournal(path.join(dir, 'gone', 'state.journal'), stats(), Date.now);
    expect([j.mayHaveChanged(), j.mayHaveChanged(), j.mayHaveChanged()]).toEqual([true, true, true]);
    j.close();
  });
});
