/**
 * The only code that reads or changes a scope's local records: done marks, snoozes, fired
 * and delivered reminders, closed todos and missing counters, plus the cached open list
 * they refer to. It also owns the rule "a record applies only to the remind time it was
 * made for" (the server may reschedule a todo) and the pruning of old records.
 *
 * LocalState owns the document, its persistence and merging; it hands out a `Marks` over
 * the active scope, never the scope itself. Callers change records here, then tell the
 * state how soon to write (`touch`). Every change is reported to the state key by key
 * (`MarkHooks.changed`), so a write carries only what changed; a change to a done mark or a
 * snooze is stamped when it is made (store/mark-stamps.ts), so merges order it right.
 */
import type { ClosedReason, Todo } from '../../../shared/todo';
import { sameInstant, toIso, toMs } from '../../../shared/time';
import type { ReminderInputs } from './occurrences';
import { pruneStamps, stampKey } from '../store/mark-stamps';
import type { ScopeField } from '../store/state-entries';
import type { ScopeState } from './state-schema';
import type { SyncChanges } from './sync';

const DELIVERED_TTL_MS = 2 * 24 * 3600_000;
/** Delivered occurrences kept at most (the oldest go first). */
export const DELIVERED_CAP = 10_000;
const CLOSED_TTL_MS = 7 * 24 * 3600_000;
/** Closed todos are kept whole (for undo and history): at most this many, newest first. */
export const CLOSED_CAP = 5_000;
const ORPHAN_TTL_MS = 30 * 24 * 3600_000;

/** The key of one delivered occurrence: `${id}@${dueISO}` (`summary@…` for a summary). */
export const occurrenceKey = (id: number, due: number): string => `${id}@${toIso(due)}`;

/** A record made for another remind time no longer applies (the server rescheduled the todo). */
const appliesTo = (remindAt: string | null | undefined, todo: Todo): boolean =>
  remindAt !== undefined && sameInstant(remindAt, todo.remindAt);

export interface LocalView {
  done: boolean;
  doneAt: string | null;
  snoozedUntil: string | null;
}

export interface Delivery {
  todo: Todo;
  due: number;
  snoozed: boolean;
}

/** A delivery not shown before: its occurrence key and its due time as stored. */
export interface Fresh<T extends Delivery = Delivery> {
  item: T;
  key: string;
  dueIso: string;
}

/** What a sync's result did to the local records. */
export interface SyncEffects {
  /** Anything worth writing soon (not only the poll time). */
  dirty: boolean;
  /** Done marks dropped because the server changed the remind time. */
  reopened: number[];
}

/** What a sync hands over (sync.ts's SyncChanges; `added` does not matter here). */
export type SyncResult = Omit<SyncChanges, 'added'>;

/** What the state learns of each change (LocalState writes exactly these keys). */
export interface MarkHooks {
  now(): number;
  /** A record's key changed (set or removed); `todos` (key '') means the cached list did. */
  changed(record: ScopeField | 'todos', key: string): void;
}

const noHooks: MarkHooks = { now: () => Date.now(), changed: () => {} };

export class Marks {
  constructor(
    private readonly s: ScopeState,
    private readonly log: (line: string) => void = () => {},
    private readonly hooks: MarkHooks = noHooks,
  ) {}

  private set<R extends 'done' | 'snoozes' | 'fired' | 'delivered' | 'closed' | 'missing'>(
    record: R,
    key: string,
    value: ScopeState[R][string],
  ): void {
    (this.s[record] as Record<string, unknown>)[key] = value;
    this.note(record, key);
  }

  /** Removes a key; false when it was not there (nothing changed, nothing to write). */
  private remove(record: 'done' | 'snoozes' | 'fired' | 'delivered' | 'closed' | 'missing', key: string): boolean {
    const values = this.s[record] as Record<string, unknown>;
    if (!(key in values)) return false;
    delete values[key];
    this.note(record, key);
    return true;
  }

  private note(record: ScopeField, key: string): void {
    if (record === 'done') stampKey(this.s, 'done', key, this.hooks.now());
    else if (record === 'snoozes') stampKey(this.s, 'snooze', key, this.hooks.now());
    this.hooks.changed(record, key);
  }

  // ---- reading ---------------------------------------------------------------------

  /** The last good open list (cached, so reminders fire offline and after a cold start). */
  todos(): readonly Todo[] {
    return this.s.todos;
  }

  listAt(): string | null {
    return this.s.listAt;
  }

  missingCount(id: number): number {
    return this.s.missing[String(id)] ?? 0;
  }

  isClosed(id: number): boolean {
    return this.s.closed[String(id)] !== undefined;
  }

  closedTodo(id: number): Todo | undefined {
    return this.s.closed[String(id)]?.todo;
  }

  /** Closed todos that are not open again, with why and when they closed. */
  closedList(): { todo: Todo; reason: ClosedReason; at: string }[] {
    return Object.values(this.s.closed).map((c) => ({ todo: c.todo, reason: c.reason, at: c.at }));
  }

  /** What the scheduler needs for one todo: only the records made for its current remind time. */
  inputs(todo: Todo): ReminderInputs {
    const key = String(todo.id);
    const snooze = this.s.snoozes[key];
    const fired = this.s.fired[key];
    return {
      done: this.isDone(todo),
      snoozeUntil: snooze && appliesTo(snooze.remindAt, todo) ? toMs(snooze.until) : null,
      firedAt: fired && appliesTo(fired.remindAt, todo) ? toMs(fired.at) : null,
      closed: false,
    };
  }

  /** Whether a done mark applies to the todo's current remind time. */
  isDone(todo: Todo): boolean {
    return appliesTo(this.s.done[String(todo.id)]?.remindAtWhenDone, todo);
  }

  /** Whether a done mark exists at all (for any remind time). */
  hasDoneMark(id: number): boolean {
    return this.s.done[String(id)] !== undefined;
  }

  view(todo: Todo): LocalView {
    const key = String(todo.id);
    const done = this.isDone(todo);
    const snooze = this.s.snoozes[key];
    return {
      done,
      doneAt: done ? this.s.done[key]!.doneAt : null,
      snoozedUntil: snooze && appliesTo(snooze.remindAt, todo) ? snooze.until : null,
    };
  }

  // ---- reminders -------------------------------------------------------------------

  /**
   * Records deliveries made at `now` and returns those not shown before (by a crash's
   * predecessor or another process), each with its occurrence key and its due time as
   * stored (ISO), so the caller need not format it again.
   */
  recordDeliveries<T extends Delivery>(items: readonly T[], now: number): Fresh<T>[] {
    const nowIso = toIso(now);
    const fresh: Fresh<T>[] = [];
    for (const item of items) {
      const id = String(item.todo.id);
      const due = toIso(item.due);
      // occurrenceKey, with the due time formatted once (this runs for every reminder).
      const key = `${id}@${due}`;
      this.set('fired', id, { remindAt: item.todo.remindAt, due, at: nowIso });
      if (item.snoozed) this.remove('snoozes', id);
      if (this.s.delivered[key] !== undefined) continue;
      this.set('delivered', key, nowIso);
      // A small literal, not a spread of the item: this is per reminder.
      fresh.push({ item, key, dueIso: due });
    }
    return fresh;
  }

  // ---- user actions ----------------------------------------------------------------

  /** Marks done for the todo's current remind time; false when it already was. */
  markDone(id: number, todo: Todo | undefined, now: number): boolean {
    const key = String(id);
    const remindAt = todo?.remindAt ?? null;
    const mark = this.s.done[key];
    if (mark && sameInstant(mark.remindAtWhenDone, remindAt)) return false;
    this.set('done', key, { doneAt: toIso(now), remindAtWhenDone: remindAt });
    this.remove('snoozes', key);
    return true;
  }

  /** Drops the done mark; false when there was none. */
  undoDone(id: number): boolean {
    return this.remove('done', String(id));
  }

  /** Records an occurrence as seen without showing it (what fell due while a todo was done). */
  markSeen(todo: Todo, due: number, now: number): void {
    this.set('fired', String(todo.id), { remindAt: todo.remindAt, due: toIso(due), at: toIso(now) });
  }

  snooze(todo: Todo, until: number): void {
    this.set('snoozes', String(todo.id), { until: toIso(until), remindAt: todo.remindAt });
  }

  // ---- sync results ----------------------------------------------------------------

  /** Takes a sync's open list, closures and missing counters; `prev` is the list before it. */
  applySync(c: SyncResult, prev: ReadonlyMap<number, Todo>): SyncEffects {
    const s = this.s;
    let dirty = false;
    const reopened: number[] = [];
    if (listChanged(s.todos, c)) this.hooks.changed('todos', '');
    s.todos = c.open;
    for (const t of c.open) {
      if (this.remove('closed', String(t.id))) dirty = true;
    }
    for (const t of c.updated) {
      const before = prev.get(t.id);
      if (!before || sameInstant(before.remindAt, t.remindAt)) continue;
      const key = String(t.id);
      // The server rescheduled it: a new occurrence, so an old done mark no longer holds.
      const mark = s.done[key];
      if (mark && !appliesTo(mark.remindAtWhenDone, t)) {
        this.remove('done', key);
        reopened.push(t.id);
        this.log(`todo #${t.id}: remind time changed to ${t.remindAt}; reopened`);
      }
      const snooze = s.snoozes[key];
      if (snooze && !appliesTo(snooze.remindAt, t)) this.remove('snoozes', key);
    }
    const at = toIso(c.at);
    for (const { todo, reason } of c.closed) {
      const key = String(todo.id);
      this.set('closed', key, { reason, at, todo });
      this.remove('snoozes', key);
      this.remove('missing', key);
      this.log(`todo #${todo.id}: closed (${reason})`);
    }
    for (const [id, n] of c.missing) {
      const key = String(id);
      if ((s.missing[key] ?? 0) === n) continue;
      if (n === 0) this.remove('missing', key);
      else this.set('missing', key, n);
      dirty = true;
    }
    s.listAt = at;
    this.hooks.changed('listAt', '');
    return { dirty, reopened };
  }
}

/**
 * Whether a sync changed the cached list (so it must be written): todos added, changed or
 * closed, or the ids or their order differ. Ids only, so a todo that arrives as a new but
 * equal object costs no write.
 */
function listChanged(before: readonly Todo[], c: SyncResult): boolean {
  if (c.updated.length > 0 || c.closed.length > 0 || before.length !== c.open.length) return true;
  for (let i = 0; i < before.length; i++) if (before[i]!.id !== c.open[i]!.id) return true;
  return false;
}

/** The open ids a scope's last prune saw, as numbers (in list order) and as keys. */
const openAtPrune = new WeakMap<ScopeState, { ids: number[]; keys: Set<string> }>();

/**
 * The keys of the open todos. Reused while the list holds the same ids in the same order
 * (the list of a large account rarely changes between hourly prunes): comparing 10,000
 * ids costs far less than building 10,000 keys into a set.
 */
function openIds(s: ScopeState): Set<string> {
  const last = openAtPrune.get(s);
  if (last && last.ids.length === s.todos.length && s.todos.every((t, i) => t.id === last.ids[i])) return last.keys;
  const ids = s.todos.map((t) => t.id);
  const keys = new Set<string>();
  for (const id of ids) keys.add(String(id));
  openAtPrune.set(s, { ids, keys });
  return keys;
}

/** Drops records too old or too many to matter; run before writes, at most hourly. */
export function pruneScope(s: ScopeState, now: number): void {
  // Keys are added in delivery order (and are not integer-like, so objects keep that
  // order): drop from the front while too old or too many, stop at the first keeper.
  // Listed once: listing a large object's keys is most of what pruning costs.
  const delivered = Object.keys(s.delivered);
  const excess = delivered.length - DELIVERED_CAP;
  let drop = 0;
  while (drop < delivered.length && (drop < excess || now - Date.parse(s.delivered[delivered[drop]!]!) > DELIVERED_TTL_MS)) {
    drop++;
  }
  for (let i = 0; i < drop; i++) delete s.delivered[delivered[i]!];
  const closed = Object.entries(s.closed);
  const overCap = closed.length - CLOSED_CAP;
  const oldestFirst = overCap > 0 ? closed.sort(([, a], [, b]) => Date.parse(a.at) - Date.parse(b.at)) : closed;
  for (const [n, [id, c]] of oldestFirst.entries()) {
    if (n < overCap || now - Date.parse(c.at) > CLOSED_TTL_MS) {
      delete s.closed[id];
      delete s.done[id];
      delete s.snoozes[id];
      delete s.fired[id];
      delete s.missing[id];
    }
  }
  const open = openIds(s);
  const known = (id: string) => open.has(id) || id in s.closed;
  // for-in rather than Object.keys: no array of every id; deleting the key visited is safe.
  for (const id in s.fired) if (!known(id)) delete s.fired[id];
  for (const id in s.snoozes) if (!known(id)) delete s.snoozes[id];
  for (const id in s.missing) if (!known(id)) delete s.missing[id];
  // A done mark outlives its todo for a while: the todo may come back (paging, server).
  for (const [id, d] of Object.entries(s.done)) {
    if (!known(id) && now - Date.parse(d.doneAt) > ORPHAN_TTL_MS) delete s.done[id];
  }
  pruneStamps(s, now);
}
