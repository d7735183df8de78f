/**
 * The one state document (plain JSON) that the file store (conf, Node) and electron-store
 * (Electron) persist. Version 2 keeps per-account scopes so that switching the staff code
 * or going to/from demo data never mixes done marks of different todo id spaces.
 *
 * Loading is lenient below the top level: one malformed entry is dropped (and counted),
 * never the whole document, because the document carries done marks.
 */
import { z } from 'zod';
import { todoSchema } from '../../../shared/todo-schema';
import type { Todo } from '../../../shared/todo';

export const STATE_VERSION = 2;

export interface DoneMark {
  doneAt: string;
  /** The remindAt the mark applies to; a different server remindAt reopens the todo. */
  remindAtWhenDone: string | null;
}
export interface SnoozeRecord {
  until: string;
  /** The remindAt when snoozed; a changed remindAt drops the snooze. */
  remindAt: string | null;
}
/** The last delivered occurrence of a todo (for its current remindAt). */
export interface FiredRecord {
  remindAt: string | null;
  /** The occurrence's due instant. */
  due: string;
  /** When it was delivered; the next isAlways occurrence is the first one after this. */
  at: string;
}
export interface ClosedRecord {
  reason: 'handled' | 'cancelled' | 'gone';
  at: string;
  todo: Todo;
}
export interface ScopeState {
  /** The last good open list, so reminders fire offline and after a cold start. */
  todos: Todo[];
  /** When that list was last confirmed by the server. */
  listAt: string | null;
  done: Record<string, DoneMark>;
  snoozes: Record<string, SnoozeRecord>;
  fired: Record<string, FiredRecord>;
  /** Occurrence key (`${id}@${dueISO}`) → delivered at; pruned after 2 days. */
  delivered: Record<string, string>;
  closed: Record<string, ClosedRecord>;
  /** Consecutive polls a todo was missing and its lookup found it gone / not ours. */
  missing: Record<string, number>;
  /**
   * `done:<id>` / `snooze:<id>` → when this key last changed, set or removed. A removed
   * key keeps its stamp (a tombstone: an undo is a change with a time, not an absence),
   * so merging two copies of the file takes the later change per key, and a key missing
   * from a stale copy is "not seen", never a deletion.
   */
  stamps: Record<string, string>;
  usedAt: string;
}
export interface StateDoc {
  version: typeof STATE_VERSION;
  /** Owned by the app layer; persisted verbatim. */
  settings: Record<string, unknown>;
  pausedUntil: string | null;
  scopes: Record<string, ScopeState>;
  /**
   * The last journal batch (store/journal.ts) this document already contains: replaying
   * the journal skips batches up to it, so a crash between writing a compacted document
   * and emptying the journal never applies a batch twice. 0 when none.
   */
  journalSeq: number;
}

export const emptyScope = (at: string): ScopeState => ({
  todos: [],
  listAt: null,
  done: {},
  snoozes: {},
  fired: {},
  delivered: {},
  closed: {},
  missing: {},
  stamps: {},
  usedAt: at,
});

export const emptyDoc = (): StateDoc => ({ version: STATE_VERSION, settings: {}, pausedUntil: null, scopes: {}, journalSeq: 0 });

const iso = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'not a time');
const isoOrNull = iso.nullable();

export { todoSchema };

const doneSchema = z.object({ doneAt: iso, remindAtWhenDone: isoOrNull });
const snoozeSchema = z.object({ until: iso, remindAt: isoOrNull });
const firedSchema = z.object({ remindAt: isoOrNull, due: iso, at: iso });
const closedSchema = z.object({ reason: z.enum(['handled', 'cancelled', 'gone']), at: iso, todo: todoSchema });
const idKey = /^[1-9]\d*$/;
const stampKey = /^(done|snooze):[1-9]\d*$/;
const deliveredKey = /^(\d+|summary)@/;

/** A scope's per-key records, with their value schema and key rule (for journal entries too). */
export const scopeRecords = {
  done: { schema: doneSchema, key: idKey },
  snoozes: { schema: snoozeSchema, key: idKey },
  fired: { schema: firedSchema, key: idKey },
  delivered: { schema: iso, key: deliveredKey },
  closed: { schema: closedSchema, key: idKey },
  missing: { schema: z.number().int().min(0), key: idKey },
} as const;
export type ScopeRecord = keyof typeof scopeRecords;
export const timeSchema = isoOrNull;

export interface LoadReport {
  /** Version found in the file (0 = none), or null when there was no file. */
  fromVersion: number | null;
  migrated: boolean;
  /** Entries dropped because they were malformed. */
  dropped: number;
}

export type LoadResult = { ok: true; doc: StateDoc; report: LoadReport } | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Salvage {
  dropped = 0;
  record<T>(v: unknown, schema: z.ZodType<T>, keyOk: (k: string) => boolean = (k) => idKey.test(k)): Record<string, T> {
    const out: Record<string, T> = {};
    if (v === undefined) return out;
    if (!isObject(v)) {
      this.dropped++;
      return out;
    }
    for (const [k, item] of Object.entries(v)) {
      const r = schema.safeParse(item);
      if (r.success && keyOk(k)) out[k] = r.data;
      else this.dropped++;
    }
    return out;
  }
  list<T>(v: unknown, schema: z.ZodType<T>): T[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) {
      this.dropped++;
      return [];
    }
    const out: T[] = [];
    for (const item of v) {
      const r = schema.safeParse(item);
      if (r.success) out.push(r.data);
      else this.dropped++;
    }
    return out;
  }
  time(v: unknown): string | null {
    if (v === undefined || v === null) return null;
    const r = iso.safeParse(v);
    if (r.success) return r.data;
    this.dropped++;
    return null;
  }
}

function loadScope(v: unknown, s: Salvage, now: string): ScopeState {
  if (!isObject(v)) {
    s.dropped++;
    return emptyScope(now);
  }
  const missing = s.record(v.missing, z.number().int().min(0));
  return {
    todos: s.list(v.todos, todoSchema),
    listAt: s.time(v.listAt),
    done: s.record(v.done, doneSchema),
    snoozes: s.record(v.snoozes, snoozeSchema),
    fired: s.record(v.fired, firedSchema),
    delivered: s.record(v.delivered, iso, (k) => deliveredKey.test(k)),
    closed: s.record(v.closed, closedSchema),
    missing,
    stamps: s.record(v.stamps, iso, (k) => stampKey.test(k)),
    usedAt: s.time(v.usedAt) ?? now,
  };
}

/**
 * Version 1 (the single-account layout of the first prototype): `{ version: 1, settings,
 * staff, lastTodos, done: {id: {doneAt, remindAtWhenDone}}, snoozes: {id: ISO},
 * delivered: {key: ISO}, pausedUntil }`. Version 0: a bare settings object written before
 * the state had a version. Both move into v2; v1's data lands in the scope of its staff.
 */
function migrate(raw: Record<string, unknown>, s: Salvage, now: string): StateDoc {
  const version = raw.version === undefined ? 0 : raw.version;
  if (version === 0) {
    return { ...emptyDoc(), settings: { ...raw } };
  }
  // version 1
  const settings = isObject(raw.settings) ? { ...raw.settings } : {};
  const staff = typeof raw.staff === 'string' && raw.staff !== '' ? raw.staff : null;
  const scope = emptyScope(now);
  scope.todos = s.list(raw.lastTodos, todoSchema);
  scope.done = s.record(raw.done, doneSchema);
  const remindAtById = new Map(scope.todos.map((t) => [String(t.id), t.remindAt]));
  for (const [id, until] of Object.entries(s.record(raw.snoozes, iso))) {
    scope.snoozes[id] = { until, remindAt: remindAtById.get(id) ?? null };
  }
  scope.delivered = s.record(raw.delivered, iso, (k) => deliveredKey.test(k));
  // v1 had no per-todo fired record: rebuild it from the delivered keys, so a restart
  // after the upgrade does not repeat what v1 already showed.
  for (const key of Object.keys(scope.delivered)) {
    const at = key.indexOf('@');
    const id = key.slice(0, at);
    const due = key.slice(at + 1);
    const todoRemindAt = remindAtById.get(id);
    if (todoRemindAt === undefined || !Number.isFinite(Date.parse(due))) continue;
    const prev = scope.fired[id];
    if (!prev || Date.parse(due) > Date.parse(prev.due)) {
      scope.fired[id] = { remindAt: todoRemindAt, due, at: scope.delivered[key]! };
    }
  }
  return {
    version: STATE_VERSION,
    settings,
    pausedUntil: s.time(raw.pausedUntil),
    scopes: staff || scope.todos.length > 0 ? { [staff ?? 'default']: scope } : {},
    journalSeq: 0,
  };
}

/** Validates (and migrates) whatever the store read. Never throws. */
export function loadStateDoc(raw: unknown, now: string): LoadResult {
  if (raw === undefined) {
    return { ok: true, doc: emptyDoc(), report: { fromVersion: null, migrated: false, dropped: 0 } };
  }
  if (!isObject(raw)) return { ok: false, reason: 'the state file is not a JSON object' };
  const version = raw.version === undefined ? 0 : raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, reason: `unknown state version ${JSON.stringify(version)}` };
  }
  if (version > STATE_VERSION) {
    // Written by a newer app: keep it aside rather than guess and overwrite it.
    return { ok: false, reason: `state version ${version} is newer than this app (${STATE_VERSION})` };
  }
  const s = new Salvage();
  if (version < STATE_VERSION) {
    const doc = migrate(raw, s, now);
    return { ok: true, doc, report: { fromVersion: version, migrated: true, dropped: s.dropped } };
  }
  const scopes: Record<string, ScopeState> = {};
  if (isObject(raw.scopes)) {
    for (const [name, scope] of Object.entries(raw.scopes)) scopes[name] = loadScope(scope, s, now);
  } else if (raw.scopes !== undefined) s.dropped++;
  const doc: StateDoc = {
    version: STATE_VERSION,
    settings: isObject(raw.settings) ? { ...raw.settings } : {},
    pausedUntil: s.time(raw.pausedUntil),
    scopes,
    journalSeq: typeof raw.journalSeq === 'number' && Number.isSafeInteger(raw.journalSeq) && raw.journalSeq > 0 ? raw.journalSeq : 0,
  };
  return { ok: true, doc, report: { fromVersion: version, migrated: false, dropped: s.dropped } };
}

/**
 * The cached lists' own file (store/list-file.ts): `{ version: 1, scopes: { <scope>: Todo[] } }`.
 * Lenient like the document: a malformed todo is dropped and counted, a wrong shape gives
 * no lists (it is only a cache; the next sync fills it).
 */
export const LISTS_VERSION = 1;
export function loadTodoLists(raw: unknown): { lists: Record<string, Todo[]>; dropped: number } {
  const s = new Salvage();
  const lists: Record<string, Todo[]> = {};
  if (raw === undefined) return { lists, dropped: 0 };
  if (!isObject(raw) || raw.version !== LISTS_VERSION || !isObject(raw.scopes)) return { lists, dropped: 1 };
  for (const [name, list] of Object.entries(raw.scopes)) lists[name] = s.list(list, todoSchema);
  return { lists, dropped: s.dropped };
}
