/** The cross-process lock (store/state-lock.ts): free, held by a live writer, left by a dead one. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStateLock } from '../../electron/main/store/state-lock';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-lock-'));
  file = path.join(dir, 'state.json');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the state lock', () => {
  it('holds the lock directory while the function runs and frees it after, also when it throws', () => {
    expect(withStateLock(file, () => fs.existsSync(`${file}.lock`))).toBe(true);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    expect(() =>
      withStateLock(file, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('waits for a live holder and gives up after waitMs with one line', () => {
    fs.mkdirSync(`${file}.lock`);
    expect(() => withStateLock(file, () => 1, { waitMs: 100 })).toThrow(/locked by another process/);
    expect(fs.existsSync(`${file}.lock`)).toBe(true);
  });

  it("takes over a dead writer's stale lock", () => {
    fs.mkdirSync(`${file}.lock`);
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(`${file}.lock`, old, old);
    expect(withStateLock(file, () => 7, { staleMs: 10_000, waitMs: 1000 })).toBe(7);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  it('a holder whose lock was taken over as stale does not free the new holder’s lock', () => {
    withStateLock(file, () => {
      // Meanwhile another process judged it stale and took it over.
      fs.rmdirSync(`${file}.lock`);
      fs.mkdirSync(`${file}.lock`);
    });
    expect(fs.existsSync(`${file}.lock`)).toBe(true);
  });
});
