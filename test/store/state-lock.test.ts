/** The cross-process lock (store/state-lock.ts): free, held by a live writer, left by a dead one. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LockKind, withStateLock } from '../../electron/main/store/state-lock';

let dir: string;
let file: string;
let lock: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-lock-'));
  file = path.join(dir, 'state.json');
  lock = `${file}.lock`;
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A minute later: every lock made now is stale by then. */
const later = () => Date.now() + 60_000;

/** A lock as another process leaves it, of each kind (a directory: an older version). */
function makeHeld(kind: string): void {
  if (kind === 'link') {
    fs.closeSync(fs.openSync(`${lock}-base`, 'a'));
    fs.linkSync(`${lock}-base`, lock);
  } else if (kind === 'file') fs.writeFileSync(lock, '');
  else fs.mkdirSync(lock);
}

describe.each<LockKind>(['link', 'file'])('the state lock (%s)', (kind) => {
  it('holds the lock while the function runs and frees it after, also when it throws', () => {
    const seen = withStateLock(
      file,
      () => {
        const st = fs.lstatSync(lock);
        return { isFile: st.isFile(), linked: fs.existsSync(`${lock}-base`) && fs.statSync(`${lock}-base`).ino === st.ino };
      },
      { kind },
    );
    expect(seen).toEqual({ isFile: true, linked: kind === 'link' });
    expect(fs.existsSync(lock)).toBe(false);
    expect(() =>
      withStateLock(
        file,
        () => {
          throw new Error('boom');
        },
        { kind },
      ),
    ).toThrow('boom');
    expect(fs.existsSync(lock)).toBe(false);
  });

  it.each(['link', 'file', 'directory of an older version'])(
    'waits for a live holder (%s) and gives up after waitMs with one line',
    (held) => {
      makeHeld(held);
      let ran = false;
      expect(() => withStateLock(file, () => (ran = true), { kind, waitMs: 100 })).toThrow(/locked by another process/);
      expect(ran).toBe(false);
      expect(fs.existsSync(lock)).toBe(true);
    },
  );

  it.each(['link', 'file', 'directory of an older version'])("takes over a dead writer's stale lock (%s)", (held) => {
    makeHeld(held);
    expect(withStateLock(file, () => 7, { kind, staleMs: 10_000, waitMs: 1000, now: later })).toBe(7);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('a holder whose lock was taken over as stale does not free the new holder’s lock', () => {
    withStateLock(
      file,
      () => {
        // Meanwhile another process judged it stale and took it over.
        fs.unlinkSync(lock);
        fs.writeFileSync(lock, '');
      },
      { kind },
    );
    expect(fs.existsSync(lock)).toBe(true);
  });
});

it('a link taken again after a takeover is told apart from the hold it replaced', () => {
  withStateLock(
    file,
    () => {
      fs.unlinkSync(lock);
      // Another process's link to the same base file. A takeover comes staleMs later; on a
      // file system with coarse change times, relink until the time has moved on.
      const before = fs.statSync(`${lock}-base`, { bigint: true }).ctimeNs;
      for (;;) {
        fs.linkSync(`${lock}-base`, lock);
        if (fs.statSync(lock, { bigint: true }).ctimeNs !== before) break;
        fs.unlinkSync(lock);
      }
    },
    { kind: 'link' },
  );
  expect(fs.existsSync(lock)).toBe(true);
});
