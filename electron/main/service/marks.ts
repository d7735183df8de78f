/**
 * The only code that reads or changes a scope's local records: done marks, snoozes, fired
 * and delivered reminders, closed todos and missing counters, plus the cached open list
 * they refer to. It also owns the rule "a record applies only to the remind time it was
 * made for" (the server may reschedule a todo) and the pruning of old records.
 *
 * LocalState owns the document, its persistence and merging; it hands out a `Marks` over
 * the active scope, never the scope itself. Callers change records here, then tell the
 * state how soon to write (`touch`).
 */
import type { ClosedReason, Todo } from '../../../shared/todo';
import { sameInstant, toMs } from '../../../shared/time';
import type { ReminderInputs } from './occurrences';
import type { ScopeState } from './state-schema';
import type { SyncChanges } from './sync';

const DELIVERED_TTL_MS = 2 * 24 * 3600_000;
const DELIVERED_CAP = 10_000;
const CLOSED_TTL_MS = 7 * 24 * 3600_000;
const ORPHAN_TTL_MS = 30 * 24 * 3600_000;

const iso = (t: number) => new Date(t).toISOString();

/** The key of one delivered occurrence: `${id}@${dueISO}` (`summary@…` for a summary). */
export const occurrenceKey = (id: number, due: number): string => `${id}@${iso(due)}`;

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

/** What a sync's result did to the local records. */
export interface SyncEffects {
  /** Anything worth writing soon (not only the poll time). */
  dirty: boolean;
  /** Done marks dropped because the server changed the remind time. */
  reopened: number[];
}

/** What a sync hands over (sync.ts's SyncChanges; `added` does not matter here). */
export type SyncResult = Omit<SyncChanges, 'added'>;

export class Marks {
  constructor(
    private readonly s: ScopeState,
    private readonly log: (line: string) => void = () => {},
  ) {}

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
   * predecessor or another process), each with its occurrence key.
   */
  recordDeliveries<T extends Delivery>(items: readonly T[], now: number): (T & { key: string })[] {
    const nowIso = iso(now);
    const fresh: (T & { key: string })[] = [];
    for (const it of items) {
      const id = String(it.todo.id);
      const key = occurrenceKey(it.todo.id, it.due);
      this.s.fired[id] = { remindAt: it.todo.remindAt, due: iso(it.due), at: nowIso };
      if (it.snoozed) delete this.s.snoozes[id];
      if (this.s.delivered[key] !== undefined) continue;
      this.s.delivered[key] = nowIso;
      fresh.push({ ...it, key });
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
    this.s.done[key] = { doneAt: iso(now), remindAtWhenDone: remindAt };
    delete this.s.snoozes[key];
    return true;
  }

  /** Drops the done mark; false when there was none. */
  undoDone(id: number): boolean {
    const key = String(id);
    if (!this.s.done[key]) return false;
    delete this.s.done[key];
    return true;
  }

  /** Records an occurrence as seen without showing it (what fell due while a todo was done). */
  markSeen(todo: Todo, due: number, now: number): void {
    this.s.fired[String(todo.id)] = { remindAt: todo.remindAt, due: iso(due), at: iso(now) };
  }

  snooze(todo: Todo, until: number): void {
    this.s.snoozes[String(todo.id)] = { until: iso(until), remindAt: todo.remindAt };
  }

  // ---- sync results ----------------------------------------------------------------

  /** Takes a sync's open list, closures and missing counters; `prev` is the list before it. */
  applySync(c: SyncResult, prev: ReadonlyMap<number, Todo>): SyncEffects {
    const s = this.s;
    let dirty = false;
    const reopened: number[] = [];
    s.todos = c.open;
    for (const t of c.open) {
      const key = String(t.id);
      if (s.closed[key]) {
        delete s.closed[key];
        dirty = true;
      }
    }
    for (const t of c.updated) {
      const before = prev.get(t.id);
      if (!before || sameInstant(before.remindAt, t.remindAt)) continue;
      const key = String(t.id);
      // The server rescheduled it: a new occurrence, so an old done mark no longer holds.
      const mark = s.done[key];
      if (mark && !appliesTo(mark.remindAtWhenDone, t)) {
        delete s.done[key];
        reopened.push(t.id);
        this.log(`todo #${t.id}: remind time changed to ${t.remindAt}; reopened`);
      }
      const snooze = s.snoozes[key];
      if (snooze && !appliesTo(snooze.remindAt, t)) delete s.snoozes[key];
    }
    const at = iso(c.at);
    for (const { todo, reason } of c.closed) {
      const key = String(todo.id);
      s.closed[key] = { reason, at, todo };
      delete s.snoozes[key];
      delete s.missing[key];
      this.log(`todo #${todo.id}: closed (${reason})`);
    }
    for (const [id, n] of c.missing) {
      const key = String(id);
      if ((s.missing[key] ?? 0) === n) continue;
      if (n === 0) delete s.missing[key];
      else s.missing[key] = n;
      dirty = true;
    }
    s.listAt = at;
    return { dirty, reopened };
  }
}

/** Drops records too old or too many to matter; run before writes, at most hourly. */
export function pruneScope(s: ScopeState, now: number): void {
  // Keys are added in delivery order (and are not integer-like, so objects keep that
  // order): drop from the front while too old or too many, stop at the first keeper.
  let excess = Object.keys(s.delivered).length - DELIVERED_CAP;
  for (const key in s.delivered) {
    if (excess <= 0 && now - Date.parse(s.delivered[key]!) <= DELIVERED_TTL_MS) break;
    delete s.delivered[key];
    excess--;
  }
  for (const [id, c] of Object.entries(s.closed)) {
    if (now - Date.parse(c.at) > CLOSED_TTL_MS) {
      delete s.closed[id];
      delete s.done[id];
      delete s.snoozes[id];
      delete s.fired[id];
      delete s.missing[id];
    }
  }
  const open = new Set(s.todos.map((t) => String(t.id)));
  const known = (id: string) => open.has(id) || id in s.closed;
  for (const id of Object.keys(s.fired)) if (!known(id)) delete s.fired[id];
  for (const id of Object.keys(s.snoozes)) if (!known(id)) delete s.snoozes[id];
  for (const id of Object.keys(s.missing)) if (!known(id)) delete s.missing[id];
  // A done mark outlives its todo for a while: the todo may come back (paging, server).
  for (const [id, d] of Object.entries(s.done)) {
    if (!known(id) && now - Date.parse(d.doneAt) > ORPHAN_TTL_MS) delete s.done[id];
  }
}
