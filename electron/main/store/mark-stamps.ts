/**
 * Merging the user's marks (done marks and snoozes) of two copies of the state file, or of
 * a journal entry (state-entries.ts) into the state.
 *
 * Each key carries a stamp: when it last changed, set or removed (ScopeState.stamps). A
 * merge takes, per key, the side with the later stamp; a key one side lacks without a
 * stamp is one that side has not seen, so the other side's value stands. An undo is a
 * stamped removal, so it wins over the older mark on a stale copy and loses to a newer one.
 * The result is the same whichever copy merges into which (ties break on the value), so
 * every process converges on one state.
 */
import type { ScopeState } from '../service/state-schema';

export type MarkKind = 'done' | 'snooze';

/** A removed key's stamp is kept this long: longer than any copy stays stale in practice. */
export const TOMBSTONE_TTL_MS = 30 * 24 * 3600_000;

const recordOf = (s: ScopeState, kind: MarkKind): Record<string, unknown> => (kind === 'done' ? s.done : s.snoozes);

/**
 * Stamps a key this process just changed (set, changed or removed) with `now`, or just
 * after its previous stamp when the wall clock went back, so a later change by this
 * process always wins over its own earlier one. Called by the marks module at the change.
 */
export function stampKey(s: ScopeState, kind: MarkKind, id: string, now: number): void {
  const key = `${kind}:${id}`;
  const prev = s.stamps[key];
  s.stamps[key] = new Date(prev === undefined ? now : Math.max(now, Date.parse(prev) + 1)).toISOString();
}

const later = (a: string | undefined, b: string | undefined): number => {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return Date.parse(a) - Date.parse(b) || (a < b ? -1 : 1);
};

/**
 * Merges one key of another copy (its value, undefined when absent, and its stamp) into
 * `ours`; returns whether our value changed. Also how a journal entry is applied.
 */
export function mergeMarkKey(
  ours: ScopeState,
  kind: MarkKind,
  id: string,
  tv: string | undefined,
  theirValue: unknown,
  st: string | undefined,
): boolean {
  const o = recordOf(ours, kind);
  const key = `${kind}:${id}`;
  const so = ours.stamps[key];
  const ov = id in o ? JSON.stringify(o[id]) : undefined;
  let theirsWins: boolean;
  const order = later(st, so);
  if (order !== 0) theirsWins = order > 0;
  // Same stamp (or none on either side): a value beats an unseen key; between two
  // values the larger text, so both merge orders agree.
  else theirsWins = tv !== undefined && (ov === undefined || (st !== undefined && tv > ov));
  let changed = false;
  if (theirsWins && tv !== ov) {
    if (tv === undefined) delete o[id];
    else o[id] = theirValue;
    changed = true;
  }
  if (order > 0) ours.stamps[key] = st!;
  return changed;
}

/** Merges `theirs` into `ours` per key; returns the ids whose value in `ours` changed. */
export function mergeMarks(ours: ScopeState, theirs: ScopeState): Set<string> {
  const changed = new Set<string>();
  for (const kind of ['done', 'snooze'] as const) {
    const o = recordOf(ours, kind);
    const t = recordOf(theirs, kind);
    const ids = new Set([...Object.keys(o), ...Object.keys(t)]);
    for (const key of [...Object.keys(ours.stamps), ...Object.keys(theirs.stamps)]) {
      if (key.startsWith(`${kind}:`)) ids.add(key.slice(kind.length + 1));
    }
    for (const id of ids) {
      const tv = id in t ? JSON.stringify(t[id]) : undefined;
      if (mergeMarkKey(ours, kind, id, tv, t[id], theirs.stamps[`${kind}:${id}`])) changed.add(id);
    }
  }
  return changed;
}

/** Forgets the stamps of keys removed long ago, so tombstones do not pile up. */
export function pruneStamps(s: ScopeState, now: number): void {
  for (const [key, at] of Object.entries(s.stamps)) {
    const colon = key.indexOf(':');
    const present = key.slice(colon + 1) in recordOf(s, key.slice(0, colon) as MarkKind);
    if (!present && now - Date.parse(at) > TOMBSTONE_TTL_MS) delete s.stamps[key];
  }
}
