import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileStore } from '../../electron/main/store/file-store';
import type { StateDoc } from '../../electron/main/service/state-schema';
import { HOUR, MIN, FakeSource, makeTodo } from '../service/support/fixtures';
import { documentOnDisk, stateOnDisk } from './support/on-disk';
import { T0, harness } from '../service/support/harness';
import { VirtualClock } from '../../electron/main/service/virtual-clock';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-state-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const iso = (t: number) => new Date(t).toISOString();
const readDoc = (): StateDoc => stateOnDisk(dir);

/** A real process marks `id` done on the data dir and is killed (kill -9) once it said so. */
async function markDoneInAnotherProcess(id: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/store/fixtures/mark-done.ts'), dir, String(id)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('done\n')) resolve();
      if (out.includes('failed')) reject(new Error(out));
    });
    child.on('exit', () => reject(new Error(`exited early: ${out}`)));
  });
  child.kill('SIGKILL');
  await exited;
}

describe('the service on real files', () => {
  it('restart on the same data dir: nothing fires again, done marks kept', async () => {
    const source = new FakeSource();
    source.todos = [
      makeTodo({ id: 1, remindAt: iso(T0 + 5 * MIN) }),
      makeTodo({ id: 2, remindAt: iso(T0 + 5 * MIN), isAlways: true }),
      makeTodo({ id: 3, remindAt: iso(T0 + HOUR) }),
    ];
    const a = await harness({ source, store: createFileStore({ dataDir: dir }) });
    await a.run(6 * MIN);
    a.service.markDone([3]);
    expect(a.notifier.events).toHaveLength(2);
    await a.service.stop();

    const b = await harness({ source, store: createFileStore({ dataDir: dir }), clock: a.clock });
    expect(b.notifier.events).toHaveLength(0);
    expect(b.service.snapshot().todos.find((t) => t.id === 3)!.local.done).toBe(true);
    await b.run(2 * HOUR);
    expect(b.notifier.events.every((e) => e.todoIds[0] === 2)).toBe(true);
    expect(b.notifier.events).toHaveLength(12); // 09:15 … 11:05
    await b.service.stop();
  });

  it('reminders held back by the burst limit are not saved as delivered before they were shown: a crash in the window repeats them', async () => {
    const source = new FakeSource();
    source.todos = Array.from({ length: 6 }, (_, i) => makeTodo({ id: i + 1, remindAt: iso(T0 + 30 * MIN) }));
    const a = await harness({ source, store: createFileStore({ dataDir: dir }) });
    await a.run(30 * MIN + 1000);
    expect(a.notifier.events.map((e) => e.todoIds)).toEqual([[1], [2], [3]]); // 4–6 wait for the window's end
    // kill -9 now: `a` never runs again. The next start finds 4–6 not delivered and shows them.
    const b = await harness({ source, store: createFileStore({ dataDir: dir }), clock: new VirtualClock(a.clock.now()) });
    await b.run(2000); // its own burst window
    expect(b.notifier.events.flatMap((e) => e.todoIds).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    await b.service.stop();
  });

  it('a service stopped while the burst limit holds reminders shows them at once and saves them', async () => {
    const source = new FakeSource();
    source.todos = Array.from({ length: 6 }, (_, i) => makeTodo({ id: i + 1, remindAt: iso(T0 + 30 * MIN) }));
    const a = await harness({ source, store: createFileStore({ dataDir: dir }) });
    await a.run(30 * MIN + 1000);
    await a.service.stop(); // quit within the burst window
    expect(a.notifier.events.map((e) => e.todoIds)).toEqual([[1], [2], [3], [4, 5, 6]]);
    const b = await harness({ source, store: createFileStore({ dataDir: dir }), clock: a.clock });
    await b.run(HOUR);
    expect(b.notifier.events).toHaveLength(0);
    await b.service.stop();
  });

  it('an idle poll writes nothing to disk', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + 5 * HOUR) })];
    const store = createFileStore({ dataDir: dir });
    const h = await harness({ source, store });
    const file = path.join(dir, 'state.json');
    const before = { writes: store.stats.writes, mtime: fs.statSync(file).mtimeMs, ino: fs.statSync(file).ino };
    const polls = source.listCalls;
    await h.run(20 * MIN);
    expect(source.listCalls - polls).toBe(20);
    expect(store.stats.writes).toBe(before.writes);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtime);
    expect(fs.statSync(file).ino).toBe(before.ino);
    await h.service.stop();
  });

  it('a corrupt state file is kept aside and reported; the service starts clean', async () => {
    fs.writeFileSync(path.join(dir, 'state.json'), '{"version":2,"scopes":{"b08":{"done":{"1":');
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 1, remindAt: iso(T0 + MIN) })];
    const h = await harness({ source, store: createFileStore({ dataDir: dir }) });
    const storage = h.service.storage();
    expect(storage.movedTo).toMatch(/state\.corrupt-.*\.json$/);
    expect(fs.readFileSync(storage.movedTo!, 'utf8')).toBe('{"version":2,"scopes":{"b08":{"done":{"1":');
    expect(h.logs.find((l) => l.includes('starting clean'))).toContain(storage.movedTo!);
    await h.run(MIN);
    expect(h.notifier.events).toHaveLength(1);
    expect(readDoc().scopes.b08!.todos.map((t) => t.id)).toEqual([1]);
    await h.service.stop();
  });

  it('a process killed right after markDone returned has the mark on disk', async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 5, remindAt: iso(T0 + HOUR) })];
    const seed = await harness({ source, store: createFileStore({ dataDir: dir }) });
    await seed.service.stop();

    await markDoneInAnotherProcess(5);

    // In the journal, not yet compacted into the document: the append itself was durable.
    expect(documentOnDisk(dir).scopes.b08!.done['5']).toBeUndefined();
    const mark = readDoc().scopes.b08!.done['5'];
    expect(mark?.remindAtWhenDone).toBe(iso(T0 + HOUR));
    const h = await harness({ source, store: createFileStore({ dataDir: dir }) });
    expect(h.service.snapshot().todos[0]!.local.done).toBe(true);
    await h.run(2 * HOUR);
    expect(h.notifier.events).toHaveLength(0);
    await h.service.stop();
  }, 30_000);

  it("a done mark from another real process stops the running service's next reminder (seen through the journal's watch)", async () => {
    const source = new FakeSource();
    source.todos = [makeTodo({ id: 5, remindAt: iso(T0 + 10 * MIN), isAlways: true })];
    const app = await harness({ source, store: createFileStore({ dataDir: dir }) });
    await app.run(10 * MIN);
    expect(app.notifier.countFor(5)).toBe(1);

    await markDoneInAnotherProcess(5);
    // The watch's event was queued before the process ended: one poll phase delivers it.
    await new Promise(setImmediate);

    await app.run(HOUR);
    expect(app.notifier.countFor(5)).toBe(1);
    expect(app.service.snapshot().todos[0]!.local.done).toBe(true);
    await app.service.stop();
  }, 30_000);

  it("another process's done mark (the CLI) stops the running service's reminder and survives its writes", async () => {
    const source = new FakeSource();
    source.todos = [
      makeTodo({ id: 1, remindAt: iso(T0 + 10 * MIN), isAlways: true }),
      makeTodo({ id: 2, remindAt: iso(T0 + 20 * MIN) }),
    ];
    const app = await harness({ source, store: createFileStore({ dataDir: dir }) });
    await app.run(10 * MIN);
    expect(app.notifier.countFor(1)).toBe(1);
    app.service.markDone([2]);

    // The CLI: a second service on the same dir, not started, marks #1 done and exits.
    const cli = await harness({ source, store: createFileStore({ dataDir: dir }), clock: app.clock, start: false });
    expect(cli.service.markDone([1]).ok).toBe(true);
    await cli.service.stop();

    await app.run(HOUR);
    expect(app.notifier.countFor(1)).toBe(1);
    expect(app.notifier.countFor(2)).toBe(0);
    app.service.snooze([2], '1h'); // forces a write by the app
    await app.service.stop();
    const done = readDoc().scopes.b08!.done;
    expect(Object.keys(done).sort()).toEqual(['1', '2']);
  });
});
