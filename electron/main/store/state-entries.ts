/**
 * The journal's batches: what one write of the state changed, key by key, so a write costs
 * what changed and never the list size.
 *
 * One line per batch: `{"q":<seq>,"e":[<entry>,…]}`, `q` counting up across the journal's
 * life (the document records the last `q` it contains: state-schema.ts `journalSeq`).
 * An entry is `[scope, record, key, value, stamp?]`:
 * - `scope` names the scope, or is null for the document's own `pausedUntil`;
 * - per-key records (`done`, `snoozes`, `fired`, `delivered`, `closed`, `missing`) carry
 *   the key's value, null when it was removed; done marks and snoozes carry their change
 *   stamp, so they merge exactly as two copies of the document do (mark-stamps.ts);
 * - `listAt` and `usedAt` (key '') carry the scope's times;
 * - `shown` (key: the todo id) is a reminder shown: its value is the `fired` record, and it
 *   also sets `delivered[<id>@<due>]` to the same time. Every reminder writes both, so one
 *   entry carrying them halves what a day of reminders writes.
 * Settings never go through the journal: changing them rewrites the document.
 */
import { mergeMarkKey } from './mark-stamps';
import { emptyScope, scopeRecords, timeSchema, type ScopeRecord, type ScopeState, type StateDoc } from '../service/state-schema';

export type ScopeField = ScopeRecord | 'listAt' | 'usedAt';
export type Entry = [scope: string | null, record: string, key: string, value: unknown, stamp?: string];
export interface Batch {
  q: number;
  e: Entry[];
}

/** What changed since the last write: scope name (null: the document) → record → keys. */
export type Changes = Map<string | null, Map<string, Set<string>>>;

export function noteChange(changes: Changes, scope: string | null, record: string, key: string): void {
  let records = changes.get(scope);
  if (!records) changes.set(scope, (records = new Map()));
  let keys = records.get(record);
  if (!keys) records.set(record, (keys = new Set()));
  keys.add(key);
}

const perKey = (record: string): record is ScopeRecord => Object.hasOwn(scopeRecords, record);
const stampOf = (record: string, key: string) => `${record === 'snoozes' ? 'snooze' : 'done'}:${key}`;

/** The entries for `changes`, with the values the document holds now. */
export function entriesOf(doc: StateDoc, changes: Changes): Entry[] {
  const out: Entry[] = [];
  for (const [name, records] of changes) {
    if (name === null) {
      if (records.has('pausedUntil')) out.push([null, 'pausedUntil', '', doc.pausedUntil]);
      continue;
    }
    const s = doc.scopes[name];
    if (!s) continue;
    const shown = shownEntries(name, s, records, out);
    for (const [record, keys] of records) {
      if (record === 'listAt' || record === 'usedAt') {
        out.push([name, record, '', s[record]]);
        continue;
      }
      if (!perKey(record)) continue;
      const values = s[record] as Record<string, unknown>;
      const written = record === 'fired' || record === 'delivered' ? shown : null;
      for (const key of keys) {
        if (written?.has(key)) continue;
        const entry: Entry = [name, record, key, values[key] ?? null];
        if (record === 'done' || record === 'snoozes') {
          const stamp = s.stamps[stampOf(record, key)];
          if (stamp !== undefined) entry.push(stamp);
        }
        out.push(entry);
      }
    }
  }
  return out;
}

/**
 * The `shown` entries for reminders whose fired and delivered records both changed and
 * agree; returns the fired ids and delivered keys they carry (nothing else writes those).
 */
function shownEntries(name: string, s: ScopeState, records: Map<string, Set<string>>, out: Entry[]): Set<string> | null {
  const fired = records.get('fired');
  const delivered = records.get('delivered');
  if (!fired || !delivered) return null;
  const carried = new Set<string>();
  for (const id of fired) {
    const f = s.fired[id];
    if (!f) continue;
    const key = `${id}@${f.due}`;
    if (!delivered.has(key) || s.delivered[key] !== f.at) continue;
    out.push([name, 'shown', id, f]);
    carried.add(id);
    carried.add(key);
  }
  return carried;
}

/** A parsed line as a batch, or null when it is not one (then the line counts as damaged). */
export function asBatch(v: unknown): Batch | null {
  if (typeof v !== 'object' || v === null) return null;
  const { q, e } = v as { q?: unknown; e?: unknown };
  if (typeof q !== 'number' || !Number.isSafeInteger(q) || q < 1 || !Array.isArray(e)) return null;
  return { q, e: e as Entry[] };
}

/**
 * How an entry lands:
 * - 'replay': the journal onto the document it follows, in order (its own history);
 * - 'merge': another process's entry onto this process's live state, with the rules of
 *   merging two copies (local-state.ts): marks by stamp, a fired record only when newer for
 *   the same remind time, delivered records unioned; the other process's sync facts
 *   (closed, missing, list times) are its own, this process's next sync decides them here.
 */
export type ApplyMode = 'replay' | 'merge';

export interface ApplyOptions {
  mode: ApplyMode;
  nowIso: string;
  /** In 'merge': this process changed `pausedUntil` and has not written it yet. */
  pausedPending?: boolean;
}

/** Applies one entry; returns 'bad' for a malformed one, else whether anything changed. */
export function applyEntry(doc: StateDoc, entry: unknown, o: ApplyOptions): boolean | 'bad' {
  if (!Array.isArray(entry) || entry.length < 4) return 'bad';
  const [name, record, key, value, stamp] = entry as Entry;
  if (typeof record !== 'string' || typeof key !== 'string') return 'bad';
  if (stamp !== undefined && !timeSchema.safeParse(stamp).success) return 'bad';
  if (name === null) {
    if (record !== 'pausedUntil' || !timeSchema.safeParse(value).success) return 'bad';
    if (o.mode === 'merge' && o.pausedPending) return false;
    const changed = doc.pausedUntil !== value;
    doc.pausedUntil = value as string | null;
    return changed;
  }
  if (typeof name !== 'string') return 'bad';
  if (record === 'listAt' || record === 'usedAt') {
    if (!timeSchema.safeParse(value).success || (record === 'usedAt' && value === null)) return 'bad';
    if (o.mode === 'merge') return false;
    const s = scopeOf(doc, name, o.nowIso);
    if (record === 'listAt') s.listAt = value as string | null;
    else s.usedAt = value as string;
    return true;
  }
  if (record === 'shown') return applyShown(doc, name, key, value, o);
  if (!perKey(record)) return 'bad';
  const rule = scopeRecords[record];
  if (!rule.key.test(key) || (value !== null && !rule.schema.safeParse(value).success)) return 'bad';
  const s = scopeOf(doc, name, o.nowIso);
  if (record === 'done' || record === 'snoozes') {
    const text = value === null ? undefined : JSON.stringify(value);
    return mergeMarkKey(s, record === 'done' ? 'done' : 'snooze', key, text, value, stamp);
  }
  const values = s[record] as Record<string, unknown>;
  if (o.mode === 'merge') return mergeRecord(s, record, key, value);
  if (value === null) {
    if (!(key in values)) return false;
    delete values[key];
  } else values[key] = value;
  return true;
}

/** A `shown` entry: the fired record and the delivered occurrence it implies. */
function applyShown(doc: StateDoc, name: string, id: string, value: unknown, o: ApplyOptions): boolean | 'bad' {
  if (!scopeRecords.fired.key.test(id) || !scopeRecords.fired.schema.safeParse(value).success) return 'bad';
  const f = value as ScopeState['fired'][string];
  const s = scopeOf(doc, name, o.nowIso);
  const key = `${id}@${f.due}`;
  if (o.mode === 'merge') {
    const fired = mergeRecord(s, 'fired', id, f);
    return mergeRecord(s, 'delivered', key, f.at) || fired;
  }
  s.fired[id] = f;
  s.delivered[key] = f.at;
  return true;
}

/**
 * Another copy's reminder bookkeeping onto this one, as two copies of the document merge
 * (local-state.ts) and as another process's journal entries do: a delivered occurrence
 * is kept once, a fired record only when it is newer for the same remind time. True when
 * it changed `s`.
 */
export function mergeRecord(s: ScopeState, record: ScopeRecord, key: string, value: unknown): boolean {
  if (value === null) return false;
  if (record === 'delivered') {
    if (s.delivered[key] !== undefined) return false;
    s.delivered[key] = value as string;
    return true;
  }
  if (record === 'fired') {
    const f = value as ScopeState['fired'][string];
    const mine = s.fired[key];
    if (mine && !(mine.remindAt === f.remindAt && Date.parse(f.at) > Date.parse(mine.at))) return false;
    s.fired[key] = f;
    return true;
  }
  return false;
}

function scopeOf(doc: StateDoc, name: string, nowIso: string): ScopeState {
  let s = doc.scopes[name];
  if (!s) doc.scopes[name] = s = emptyScope(nowIso);
  return s;
}
