/**
 * A state file with recoverable damage is read, not moved aside: a UTF-8 BOM (an editor
 * saved it) or a tail of NUL bytes (a file system that extended the file before a crash).
 * A file that is really broken is moved aside, and each host says so (the CLI on stderr
 * even without --verbose).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileStore } from '../../electron/main/store/file-store';
import { STATE_VERSION, emptyScope, type StateDoc } from '../../electron/main/service/state-schema';
import { LocalState } from '../../electron/main/service/local-state';
import { VirtualClock } from '../../electron/main/service/virtual-clock';
import { runCli } from '../../electron/main/hosts/cli/run';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-recover-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const T = Date.parse('2025-01-06T01:00:00.000Z');
function doc(): StateDoc {
  const scope = emptyScope(new Date(T).toISOString());
  scope.done['7'] = { doneAt: new Date(T).toISOString(), remindAtWhenDone: null };
  return { version: STATE_VERSION, settings: { staffCode: 'b08' }, pausedUntil: null, scopes: { b08: scope }, journalSeq: 0 };
}
const file = () => path.join(dir, 'state.json');
const open = () => LocalState.open({ store: createFileStore({ dataDir: dir }), clock: new VirtualClock(T), scope: 'b08' });

describe('recoverable state files', () => {
  it.each([
    ['a UTF-8 BOM', (t: string) => `\uFEFF${t}`],
    ['trailing NUL bytes', (t: string) => `${t}${'\0'.repeat(4096)}`],
    ['both, and a newline', (t: string) => `\uFEFF${t}\n\0\0\0`],
  ])('%s: read as it is, nothing moved aside, the done mark kept', (_what, damage) => {
    fs.writeFileSync(file(), damage(JSON.stringify(doc())));
    const state = open();
    expect(state.storage.problem).toBeNull();
    expect(state.storage.movedTo).toBeNull();
    expect(state.marks().hasDoneMark(7)).toBe(true);
    expect(fs.readdirSync(dir).filter((n) => n.includes('corrupt'))).toEqual([]);
  });

  it('NUL bytes in the middle are damage: moved aside and reported', () => {
    const t = JSON.stringify(doc());
    fs.writeFileSync(file(), `${t.slice(0, 20)}\0\0${t.slice(20)}`);
    const state = open();
    expect(state.storage.movedTo).toMatch(/state\.corrupt-.*\.json$/);
  });

  it('the CLI says on stderr, without --verbose, that the state file was moved aside', async () => {
    fs.writeFileSync(file(), '{"version": 2, "scopes": ');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['undo', '5'], { stdout: (t) => out.push(t), stderr: (l) => err.push(l) }, { YOUMI_DATA_DIR: dir });
    const warning = err.find((l) => l.startsWith('warning: '));
    expect(warning).toMatch(/^warning: the state file could not be read .*; the old file is kept as .*state\.corrupt-.*\.json$/);
    expect(code).not.toBe(0); // no account: the undo itself fails, after the warning
  });
});
