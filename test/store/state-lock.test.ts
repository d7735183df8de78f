/** The cross-process lock (store/state-lock.ts): free, held by a live writer, left by a dead one. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStateLock } from '../../electron/main/store/state-lock';

let dir: string;
let file: string;
let entry: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-lock-'));
  file = path.join(dir, 'state.json');
  entry = `${file}.lock`;
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const age = (p: string, ms: number) => {
  const old = new Date(Date.now() - ms);
  fs.utimesSync(p, old, old);
};

describe('the state lock', () => {
  it('holds an exclusive lock file while the function runs and frees it after, also when it throws', () => {
    expect(withStateLock(file, () => fs.statSync(entry).isFile())).toBe(true);
    expect(fs.existsSync(entry)).toBe(false);
    expect(() =>
      withStateLock(file, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(fs.existsSync(entry)).toBe(false);
  });

  it('waits for a live holder and gives up after waitMs with one line', () => {
    fs.writeFileSync(entry, '');
    expect(() => withStateLock(file, () => 1, { waitMs: 100 })).toThrow(/locked by another process/);
    expect(fs.existsSync(entry)).toBe(true);
  });

  it('honours the lock directory of an older version, live or stale', () => {
    fs.mkdirSync(entry);
    expect(() => withStateLock(file, () => 1, { waitMs: 100 })).toThrow(/locked by another process/);
    age(entry, 60_000);
    expect(withStateLock(file, () => fs.statSync(entry).isFile(), { staleMs: 10_000, waitMs: 1000 })).toBe(true);
    expect(fs.existsSync(entry)).toBe(false);
  });

  it("takes over a dead writer's stale lock", () => {
    fs.writeFileSync(entry, '');
    age(entry, 60_000);
    expect(withStateLock(file, () => 7, { staleMs: 10_000, waitMs: 1000 })).toBe(7);
    expect(fs.existsSync(entry)).toBe(false);
  });

  it('a holder whose lock was taken over as stale does not free the new holder’s lock', () => {
    // The wall clock says the hold took 6 s (a laptop asleep mid-write), over half of staleMs.
    let wall = 1_000_000;
    const clocks = { wall: () => wall, mono: () => 0 };
    withStateLock(
      file,
      () => {
        wall += 6_000;
        // Meanwhile another process judged it stale and took it over.
        fs.unlinkSync(entry);
        fs.writeFileSync(entry, '');
      },
      { staleMs: 10_000, clocks },
    );
    expect(fs.existsSync(entry)).toBe(true);
  });

  it('after a long hold that nobody took over, the entry is still freed', () => {
    let mono = 0;
    const clocks = { wall: () => 1_000_000, mono: () => mono };
    withStateLock(file, () => (mono += 6_000), { staleMs: 10_000, clocks });
    expect(fs.existsSync(entry)).toBe(false);
  });

  it('excludes another process: while a child holds the lock, we get it only after the child freed it', async () => {
    const held = `${file}.held`;
    const freed = `${file}.freed`;
    const script = `
      const { withStateLock } = await import(${JSON.stringify(path.resolve('electron/main/store/state-lock.ts'))});
      const fs = await import('node:fs');
      withStateLock(${JSON.stringify(file)}, () => {
        fs.writeFileSync(${JSON.stringify(held)}, '');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
        fs.writeFileSync(${JSON.stringify(freed)}, '');
      });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: 'inherit' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Synchronisation, not timing: wait until the child says it holds the lock.
    while (!fs.existsSync(held) && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    expect(fs.existsSync(held)).toBe(true);
    expect(withStateLock(file, () => fs.existsSync(freed))).toBe(true);
    expect(await exited).toBe(0);
    expect(fs.existsSync(entry)).toBe(false);
  });
});
