/**
 * LocalState on real files with the journal (service/state-journal.ts): what a write costs,
 * replay, compaction and a crash at each of its steps, damaged journals, two processes on
 * one data dir, and the migration from the single document.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalState } from '../../electron/main/service/local-state';
import { STATE_VERSION, emptyScope, type StateDoc } from '../../electron/main/service/state-schema';
import type { SyncResult } from '../../electron/main/service/marks';
import { VirtualClock } from '../../electron/main/service/virtual-clock';
import { createFileStore, type FileStore } from '../../electron/main/store/file-store';
import { StateWriteError } from '../../electron/main/store/state-file-error';
import type { Todo } from '../../shared/todo';
import { HOUR, MIN, makeTodo } from '../service/support/fixtures';
import { documentOnDisk, stateOnDisk } from './support/on-disk';

const T0 = Date.parse('2025-01-06T01:00:00.000Z');
const iso = (t: number) => new Date(t).toISOString();
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-journaled-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const todos = (n: number): Todo[] => Array.from({ length: n }, (_, i) => makeTodo({ id: i + 1, remindAt: iso(T0 + HOUR) }));
const file = (name: string) => path.join(dir, name);
const journalText = () => (fs.existsSync(file('state.journal')) ? fs.readFileSync(file('state.journal'), 'utf8') : '');

function open(clock = new VirtualClock(T0), store: FileStore = createFileStore({ dataDir: dir })) {
  const logs: string[] = [];
  const state = LocalState.open({ store, clock, scope: 'b08', log: (l) => logs.push(l) });
  return { state, store, clock, logs };
}

/** A sync's result that sets the open list (nothing closed, nothing missing). */
function synced(list: Todo[], at: number, before: readonly Todo[] = []): SyncResult {
  const was = new Map(before.map((t) => [t.id, t]));
  const updated = list.filter((t) => was.has(t.id) && was.get(t.id) !== t);
  return { open: list, updated, closed: [], missing: new Map(), at };
}

function seeded(n: number) {
  const o = open();
  o.state.marks().applySync(synced(todos(n), T0), new Map());
  o.state.touch('now');
  return o;
}

describe('state written in proportion to the change', () => {
  it('a reminder batch appends a few hundred bytes whatever the list size, and never rewrites the list or the document', () => {
    const perBatch: number[] = [];
    for (const n of [100, 2000]) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir);
      const { state, store, clock } = seeded(n);
      const list = { mtime: fs.statSync(file('state.todos.json')).mtimeMs, ino: fs.statSync(file('state.todos.json')).ino };
      const doc = fs.statSync(file('state.json'));
      const before = { ...store.stats };
      clock.advance(HOUR);
      const todo = state.marks().todos()[0]!;
      state.marks().recordDeliveries([{ todo, due: T0 + HOUR, snoozed: false }], clock.now());
      state.touch('soon');
      expect(store.stats.appends - before.appends).toBe(1);
      expect(store.stats.listWrites).toBe(before.listWrites);
      expect(store.stats.docWrites).toBe(before.docWrites);
      expect(fs.statSync(file('state.todos.json')).mtimeMs).toBe(list.mtime);
      expect(fs.statSync(file('state.todos.json')).ino).toBe(list.ino);
      expect(fs.statSync(file('state.json')).mtimeMs).toBe(doc.mtimeMs);
      perBatch.push(store.stats.bytesWritten - before.bytesWritten);
      state.close();
    }
    expect(perBatch[0]).toBeLessThan(400);
    expect(perBatch[1]).toBe(perBatch[0]); // same ids' digits: the same bytes at 100 and 2,000 todos
  });

  it('the list file is written only when a sync changed the list', () => {
    const { state, store, clock } = seeded(50);
    const writes = store.stats.listWrites;
    const list = state.marks().todos();
    clock.advance(MIN);
    state.marks().applySync(synced([...list], clock.now(), list), new Map(list.map((t) => [t.id, t])));
    state.touch('soon');
    expect(store.stats.listWrites).toBe(writes);
    const changed = list.map((t) => (t.id === 3 ? { ...t, title: 'changed' } : t));
    clock.advance(MIN);
    state.marks().applySync(synced(changed, clock.now(), list), new Map(list.map((t) => [t.id, t])));
    state.touch('soon');
    expect(store.stats.listWrites).toBe(writes + 1);
    state.close();
    expect(stateOnDisk(dir).scopes.b08!.todos.find((t) => t.id === 3)!.title).toBe('changed');
  });

  it("'now' marks are appended and fdatasynced before the call returns; a new process replays them", () => {
    const { state, store, clock } = seeded(5);
    const docWrites = store.stats.docWrites;
    const [a, b] = state.marks().todos();
    state.marks().markDone(a!.id, a, clock.now());
    state.touch('now');
    state.marks().snooze(b!, clock.now() + HOUR);
    state.touch('now');
    expect(store.stats.docWrites).toBe(docWrites);
    expect(journalText().trim().split('\n')).toHaveLength(2);
    const again = open(new VirtualClock(clock.now())).state;
    expect(again.marks().isDone(a!)).toBe(true);
    expect(again.marks().view(b!).snoozedUntil).toBe(iso(clock.now() + HOUR));
    expect(again.marks().todos()).toHaveLength(5);
  });

  it('user actions are synced before they return; reminder bookkeeping at most every 5 minutes', () => {
    const { state, store, clock } = seeded(3);
    const journal = store.journal!;
    const append = journal.append.bind(journal);
    const synced: boolean[] = [];
    journal.append = (line, knownEnd, sync, knownId) => {
      synced.push(sync);
      return append(line, knownEnd, sync, knownId);
    };
    const [a, b] = state.marks().todos();
    const deliver = () => {
      clock.advance(MIN);
      state.marks().recordDeliveries([{ todo: b!, due: clock.now(), snoozed: false }], clock.now());
      state.touch('soon');
    };
    for (let i = 0; i < 6; i++) deliver();
    state.marks().markDone(a!.id, a, clock.now());
    state.touch('now');
    deliver();
    // Seeding compacted (a sync): the next four minutes of bookkeeping are not synced, the fifth is.
    expect(synced).toEqual([false, false, false, false, true, false, true, false]);
  });

  it('closing compacts the journal into the document, which records the last batch it holds', () => {
    const { state, clock } = seeded(5);
    const t = state.marks().todos()[0]!;
    state.marks().markDone(t.id, t, clock.now());
    state.touch('now');
    state.close();
    expect(journalText()).toBe('');
    const doc = documentOnDisk(dir);
    expect(doc.scopes.b08!.done[String(t.id)]).toBeDefined();
    expect(doc.journalSeq).toBeGreaterThan(0);
    expect('todos' in doc.scopes.b08!).toBe(false); // the list lives in its own file
  });

  it('a failed append (disk full) keeps the change, and the next write carries it', () => {
    const { state, store, clock } = seeded(3);
    const journal = store.journal!;
    const append = journal.append.bind(journal);
    let failures = 1;
    journal.append = (line, knownEnd, sync, knownId) => {
      if (failures-- > 0) throw new Error('ENOSPC: no space left on device');
      return append(line, knownEnd, sync, knownId);
    };
    const t = state.marks().todos()[0]!;
    state.marks().markDone(t.id, t, clock.now());
    expect(() => state.touch('now')).toThrow(StateWriteError);
    state.flush();
    expect(open(clock).state.marks().isDone(t)).toBe(true);
  });

  it('a process that only read (cli list with nothing new) leaves the files alone when it closes', () => {
    const { state, clock } = seeded(5);
    const t = state.marks().todos()[0]!;
    state.marks().markDone(t.id, t, clock.now());
    state.touch('now');
    const before = { doc: fs.statSync(file('state.json')).mtimeMs, journal: journalText() };
    const reader = open(clock);
    expect(reader.state.marks().isDone(t)).toBe(true);
    reader.state.close();
    expect(fs.statSync(file('state.json')).mtimeMs).toBe(before.doc);
    expect(journalText()).toBe(before.journal);
    expect(reader.store.stats.writes).toBe(0);
  });

  it('the journal is compacted once it outgrows the document, so it never grows without bound', () => {
    const { state, store, clock } = seeded(20);
    const docWrites = store.stats.docWrites;
    const list = state.marks().todos();
    let appends = 0;
    while (store.stats.docWrites === docWrites && appends < 5000) {
      clock.advance(10 * MIN);
      state.marks().recordDeliveries(list.map((todo) => ({ todo, due: clock.now(), snoozed: false })), clock.now());
      state.touch('soon');
      appends++;
    }
    expect(store.stats.docWrites).toBe(docWrites + 1);
    expect(fs.statSync(file('state.journal')).size).toBe(0);
    expect(appends).toBeGreaterThan(10);
    state.close();
  });
});

describe('crash safety of the journal', () => {
  /** Done #1, undo #1, done #2: then a compaction that prunes what a replay would bring back. */
  function history() {
    const o = seeded(3);
    const [a, b] = o.state.marks().todos();
    o.state.marks().markDone(a!.id, a, o.clock.now());
    o.state.touch('now');
    o.clock.advance(1000);
    o.state.marks().undoDone(a!.id);
    o.state.touch('now');
    o.clock.advance(1000);
    o.state.marks().markDone(b!.id, b, o.clock.now());
    // #99 is not in the list: its fired record is journaled now and pruned at compaction.
    o.state.marks().markSeen(makeTodo({ id: 99, remindAt: iso(T0) }), T0, o.clock.now());
    o.state.touch('now');
    return o;
  }
  const summary = (doc: StateDoc) => ({
    done: Object.keys(doc.scopes.b08!.done).sort(),
    fired: Object.keys(doc.scopes.b08!.fired).sort(),
    todos: doc.scopes.b08!.todos.length,
  });

  it('a crash at any step of compaction loads the same state: no batch applied twice, none lost', () => {
    const o = history();
    const journalBefore = journalText();
    const docBefore = fs.readFileSync(file('state.json'));
    o.state.close(); // compaction: list (unchanged here), document, then the empty journal
    const docAfter = fs.readFileSync(file('state.json'));
    const compacted = summary(stateOnDisk(dir));
    expect(compacted).toEqual({ done: ['2'], fired: [], todos: 3 });

    // Killed before the document was replaced: the old document and the whole journal.
    fs.writeFileSync(file('state.json'), docBefore);
    fs.writeFileSync(file('state.journal'), journalBefore);
    expect(summary(stateOnDisk(dir))).toEqual({ done: ['2'], fired: ['99'], todos: 3 });
    // Killed after the document, before the journal was emptied: the batches it already
    // holds are skipped by number (replayed, #99's pruned record would come back).
    fs.writeFileSync(file('state.json'), docAfter);
    expect(summary(stateOnDisk(dir))).toEqual(compacted);
    // A new batch after that crash still counts: numbers go on from the document's.
    const next = open(new VirtualClock(o.clock.now() + 1000));
    const c = next.state.marks().todos()[2]!;
    next.state.marks().markDone(c.id, c, next.clock.now());
    next.state.touch('now');
    expect(summary(stateOnDisk(dir))).toEqual({ done: ['2', '3'], fired: [], todos: 3 });
    next.state.close();
    expect(summary(stateOnDisk(dir))).toEqual({ done: ['2', '3'], fired: [], todos: 3 });
  });

  it('a torn last line is ignored and cut off by the next append', () => {
    const o = history();
    fs.appendFileSync(file('state.journal'), '{"q":9,"e":[["b08","done","3",{"doneAt":"2025-01-06T0');
    const again = open(new VirtualClock(o.clock.now()));
    expect(again.logs.some((l) => l.includes('unfinished last journal line'))).toBe(true);
    expect(again.state.storage.problem).toBeNull();
    expect(summary(stateOnDisk(dir)).done).toEqual(['2']);
    const c = again.state.marks().todos()[2]!;
    again.state.marks().snooze(c, again.clock.now() + HOUR);
    again.state.touch('now');
    const lines = journalText().trim().split('\n');
    expect(lines.every((l) => JSON.parse(l) !== null)).toBe(true);
    expect(open(new VirtualClock(again.clock.now())).state.marks().view(c).snoozedUntil).not.toBeNull();
  });

  it('a damaged line in the middle is reported in one line and skipped, never fatal; the journal is kept aside at compaction', () => {
    const o = history();
    const lines = journalText().trim().split('\n');
    fs.writeFileSync(file('state.journal'), `${[lines[0], '\u0000garbage{', ...lines.slice(1)].join('\n')}\n`);
    const again = open(new VirtualClock(o.clock.now()));
    expect(again.logs.filter((l) => l.includes('damaged journal lines'))).toHaveLength(1);
    expect(again.state.storage.problem).toBeNull();
    expect(summary(stateOnDisk(dir)).done).toEqual(['2']);
    const c = again.state.marks().todos()[2]!;
    again.state.marks().markDone(c.id, c, again.clock.now());
    again.state.touch('now');
    again.state.close();
    expect(fs.readdirSync(dir).filter((n) => /^state\.corrupt-.*\.journal$/.test(n))).toHaveLength(1);
    expect(journalText()).toBe('');
    expect(summary(stateOnDisk(dir)).done).toEqual(['2', '3']);
  });

  it('with an unusable document that cannot be moved aside, nothing is written, not even the journal', () => {
    fs.writeFileSync(file('state.json'), JSON.stringify({ version: 99, scopes: {} }));
    const store = createFileStore({ dataDir: dir });
    const stuck: FileStore = {
      ...store,
      quarantine: () => {
        throw new Error('EACCES');
      },
    };
    const { state } = open(new VirtualClock(T0), stuck);
    state.marks().markDone(1, makeTodo({ id: 1, remindAt: null }), T0);
    expect(() => state.touch('now')).toThrow(StateWriteError);
    state.close();
    expect(fs.existsSync(file('state.journal'))).toBe(false);
    expect(fs.readFileSync(file('state.json'), 'utf8')).toBe(JSON.stringify({ version: 99, scopes: {} }));
  });

  it('a damaged list file is moved aside with one line and the marks still load', () => {
    const o = history();
    o.state.close();
    fs.writeFileSync(file('state.todos.json'), '{"version":1,"scopes":{"b08":[{"id":');
    const again = open(new VirtualClock(o.clock.now()));
    expect(again.logs.filter((l) => l.includes('state.todos.corrupt-'))).toHaveLength(1);
    expect(again.state.marks().todos()).toEqual([]);
    expect(again.state.marks().hasDoneMark(2)).toBe(true);
  });
});

describe('several processes on one data dir', () => {
  it("two states see and merge each other's journal entries, across each other's compactions", () => {
    const first = seeded(4);
    const [t1, t2, t3, t4] = first.state.marks().todos();
    const clock = first.clock;
    const a = first.state;
    const b = open(clock).state;
    a.marks().markDone(t1!.id, t1, clock.now());
    a.touch('now');
    expect(b.mergeExternal()).toBe(true); // read from the journal, where b stopped
    expect(b.marks().isDone(t1!)).toBe(true);
    clock.advance(1000);
    b.marks().undoDone(t1!.id); // a stamped removal beats a's older mark
    b.marks().snooze(t2!, clock.now() + HOUR);
    b.touch('now');
    expect(a.mergeExternal()).toBe(true);
    expect(a.marks().isDone(t1!)).toBe(false);
    expect(a.marks().view(t2!).snoozedUntil).not.toBeNull();
    b.close(); // b compacts: a now has to read the new document
    clock.advance(1000);
    a.marks().markDone(t3!.id, t3, clock.now());
    a.touch('now');
    const c = open(clock).state;
    c.marks().markDone(t4!.id, t4, clock.now());
    c.touch('now');
    expect(a.mergeExternal()).toBe(true);
    expect([t1, t2, t3, t4].map((t) => a.marks().isDone(t!))).toEqual([false, false, true, true]);
    a.close();
    c.close();
    const disk = stateOnDisk(dir).scopes.b08!;
    expect(Object.keys(disk.done).sort()).toEqual([String(t3!.id), String(t4!.id)]);
    expect(Object.keys(disk.snoozes)).toEqual([String(t2!.id)]);
  });

  it('a compaction by another process while this one reads at start is merged, never lost by its own compaction', () => {
    const first = seeded(3);
    const [t1, t2] = first.state.marks().todos();
    const { clock } = first;
    first.state.close();
    const other = open(clock).state;
    const store = createFileStore({ dataDir: dir });
    let raced = false;
    const racing: FileStore = {
      ...store,
      read() {
        const doc = store.read();
        if (!raced) {
          // Between this process's document read and its journal read, the other one marks
          // and compacts: the journal read next is the new, empty one.
          raced = true;
          other.marks().markDone(t1!.id, t1, clock.now());
          other.touch('now');
          other.close();
        }
        return doc;
      },
    };
    const { state } = open(clock, racing);
    expect(raced).toBe(true);
    expect(state.mergeExternal()).toBe(true);
    expect(state.marks().isDone(t1!)).toBe(true);
    state.marks().markDone(t2!.id, t2, clock.now());
    state.touch('now');
    state.close();
    expect(Object.keys(stateOnDisk(dir).scopes.b08!.done).sort()).toEqual([String(t1!.id), String(t2!.id)]);
  });

  it("another process's delivered reminders are merged, so neither repeats the other's", () => {
    const first = seeded(2);
    const { clock } = first;
    const b = open(clock).state;
    const [t1] = first.state.marks().todos();
    clock.advance(HOUR);
    first.state.marks().recordDeliveries([{ todo: t1!, due: T0 + HOUR, snoozed: false }], clock.now());
    first.state.touch('soon');
    b.mergeExternal();
    expect(b.marks().recordDeliveries([{ todo: t1!, due: T0 + HOUR, snoozed: false }], clock.now())).toEqual([]);
  });
});

describe('the shown entry', () => {
  it('a reminder shown is one entry, which a new process replays as its fired and delivered records', () => {
    const { state, clock } = seeded(2);
    const [t1, t2] = state.marks().todos();
    clock.advance(HOUR);
    state.marks().recordDeliveries([{ todo: t1!, due: T0 + HOUR, snoozed: false }], clock.now());
    state.marks().markSeen(t2!, T0 + HOUR, clock.now()); // fired, never delivered: its own entry
    state.touch('soon');
    const line = JSON.parse(journalText().trim().split('\n').pop()!) as { e: unknown[][] };
    expect(line.e.map((e) => `${e[1]}:${e[2]}`).sort()).toEqual([`fired:${t2!.id}`, `shown:${t1!.id}`]);
    const again = open(new VirtualClock(clock.now())).state;
    expect(again.marks().inputs(t1!).firedAt).toBe(clock.now());
    expect(again.marks().recordDeliveries([{ todo: t1!, due: T0 + HOUR, snoozed: false }], clock.now())).toEqual([]);
    expect(again.marks().inputs(t2!).firedAt).toBe(clock.now());
  });

  it('a journal written before the shown entry (fired and delivered apart) still replays', () => {
    const { state, clock } = seeded(1);
    const [t1] = state.marks().todos();
    state.close();
    const at = iso(T0 + HOUR);
    const due = iso(T0 + HOUR);
    const old = {
      q: 99,
      e: [
        ['b08', 'fired', String(t1!.id), { remindAt: t1!.remindAt, due, at }],
        ['b08', 'delivered', `${t1!.id}@${due}`, at],
      ],
    };
    fs.appendFileSync(file('state.journal'), `${JSON.stringify(old)}\n`);
    const again = open(new VirtualClock(clock.now() + HOUR)).state;
    expect(again.marks().inputs(t1!).firedAt).toBe(T0 + HOUR);
    expect(again.marks().recordDeliveries([{ todo: t1!, due: T0 + HOUR, snoozed: false }], T0 + HOUR)).toEqual([]);
  });

  it('a malformed shown entry is dropped and counted, the rest of its batch kept', () => {
    const { state, clock } = seeded(2);
    const [t1, t2] = state.marks().todos();
    state.close();
    const bad = { q: 99, e: [['b08', 'shown', String(t1!.id), { due: 'soon' }], ['b08', 'missing', String(t2!.id), 2]] };
    fs.appendFileSync(file('state.journal'), `${JSON.stringify(bad)}\n`);
    const again = open(new VirtualClock(clock.now()));
    expect(again.state.storage.dropped).toBe(1);
    expect(again.state.marks().inputs(t1!).firedAt).toBeNull();
    expect(again.state.marks().missingCount(t2!.id)).toBe(2);
  });
});

describe('migration from the single document', () => {
  it('a state.json with the list inside loads, and its first write moves the list into its own file', () => {
    const scope = emptyScope(iso(T0));
    scope.todos = todos(3);
    scope.listAt = iso(T0);
    scope.done['2'] = { doneAt: iso(T0), remindAtWhenDone: iso(T0 + HOUR) };
    const old = { version: STATE_VERSION, settings: { theme: 'dark' }, pausedUntil: null, scopes: { b08: scope } };
    fs.writeFileSync(file('state.json'), JSON.stringify(old));
    const { state, store } = open();
    expect(state.marks().todos().map((t) => t.id)).toEqual([1, 2, 3]);
    expect(state.marks().isDone(todos(3)[1]!)).toBe(true);
    expect(state.getSettings()).toEqual({ theme: 'dark' });
    state.flush();
    expect(store.stats.listWrites).toBe(1);
    expect(store.stats.docWrites).toBe(1);
    const doc = documentOnDisk(dir);
    expect('todos' in doc.scopes.b08!).toBe(false);
    expect(doc.scopes.b08!.done['2']).toBeDefined();
    const lists = JSON.parse(fs.readFileSync(file('state.todos.json'), 'utf8')) as { scopes: Record<string, Todo[]> };
    expect(lists.scopes.b08!.map((t) => t.id)).toEqual([1, 2, 3]);
    state.close();
    const again = open().state;
    expect(again.marks().todos().map((t) => t.id)).toEqual([1, 2, 3]);
    expect(again.marks().hasDoneMark(2)).toBe(true);
  });
});
