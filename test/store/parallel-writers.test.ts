/**
 * Many real processes (the desktop app, the browser host and `cli done/undo/snooze` share
 * one data dir) write the same state file at once. Every acknowledged mark must survive:
 * the test counts the ids whose final done/snooze state on disk differs from what the
 * writer that owns them last acknowledged. Zero is the only passing count.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATE_VERSION, emptyScope, type StateDoc } from '../../electron/main/service/state-schema';
import { makeTodo } from '../service/support/fixtures';
import { stateOnDisk } from './support/on-disk';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-writers-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const WRITERS = 8;
const IDS_EACH = 6;
const OPS_EACH = 40;
const WRITER = path.resolve('test/store/fixtures/mark-stress-writer.ts');

type Final = Record<string, { done: boolean; snoozed: boolean }>;

function runWriter(first: number, seed: number): Promise<{ expected: Final; failed: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', WRITER, dir, String(first), String(IDS_EACH), String(OPS_EACH), String(seed)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`writer ${first} exited ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!) as { expected: Final; failed: number });
    });
  });
}

describe('parallel writers on one data dir', () => {
  it(`${WRITERS} processes × ${OPS_EACH} mixed done/undo/snooze: no acknowledged mark is lost`, async () => {
    const now = new Date().toISOString();
    const scope = emptyScope(now);
    const remindAt = new Date(Date.now() + 24 * 3600_000).toISOString();
    scope.todos = Array.from({ length: WRITERS * IDS_EACH }, (_, i) => makeTodo({ id: i + 1, remindAt }));
    const seed: StateDoc = { version: STATE_VERSION, settings: {}, pausedUntil: null, scopes: { b08: scope }, journalSeq: 0 };
    fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify(seed), { mode: 0o600 });

    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, w) => runWriter(1 + w * IDS_EACH, 7919 * (w + 1))),
    );
    const doc = stateOnDisk(dir);
    const s = doc.scopes.b08!;
    let acknowledged = 0;
    const lost: string[] = [];
    for (const { expected } of results) {
      for (const [id, want] of Object.entries(expected)) {
        acknowledged++;
        const got = { done: id in s.done, snoozed: id in s.snoozes };
        if (got.done !== want.done || got.snoozed !== want.snoozed) {
          lost.push(`#${id} want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
        }
      }
    }
    const failedCalls = results.reduce((n, r) => n + r.failed, 0);
    console.log(
      `parallel writers: ${WRITERS} processes, ${WRITERS * OPS_EACH} calls, ${failedCalls} refused, ` +
        `${acknowledged} ids checked, ${lost.length} lost`,
    );
    expect(failedCalls).toBe(0);
    expect(lost).toEqual([]);
    expect(acknowledged).toBe(WRITERS * IDS_EACH);
  }, 120_000);
});
