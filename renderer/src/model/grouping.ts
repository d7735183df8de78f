import { addDays, startOfDay } from 'date-fns';
import { dueGroup } from '../../../shared/time';
import type { TodoView } from '../../../shared/contract/types';
import { levelRank } from './level';
import { matchesSearch, searchTerms } from './search';
import { toMs } from './time';
import { memoItem, sortGroup, type ListMemo } from './listMemo';

export type GroupId = 'overdue' | 'today' | 'later' | 'none' | 'done';
export const GROUP_ORDER: readonly GroupId[] = ['overdue', 'today', 'later', 'none', 'done'];

/** An optimistic done/undone mark the renderer shows until a snapshot agrees (or the call fails). */
export interface Override {
  done: boolean;
  at: number;
}

/** A todo as the list shows it; also its row (one object per todo keeps 10,000 cheap). */
export interface TodoItem {
  kind: 'todo';
  /** Row key: "t:<id>". */
  key: string;
  id: number;
  todo: TodoView;
  group: GroupId;
  /** When it is due for this list: the snooze end while snoozed, else the remind time. */
  dueAt: number | null;
  snoozedUntil: number | null;
  /** Done on this machine (with optimistic marks applied). */
  doneLocal: boolean;
  /** When it entered the done group (local done or closed elsewhere). */
  finishedAt: number | null;
  rank: number;
}

export interface GroupRow {
  kind: 'group';
  key: string;
  group: GroupId;
  count: number;
  collapsed: boolean;
}

export type ListRow = GroupRow | TodoItem;

export interface LevelOption {
  name: string | null;
  color: string | null;
  count: number;
}

export interface ListModel {
  /** The rows in order; with `limit`, only the first rows of the full list. */
  rows: ListRow[];
  /** How many rows the full list has (headers included). */
  totalRows: number;
  /** True when `rows` is a prefix, built under `limit`. */
  partial: boolean;
  counts: Record<GroupId, number>;
  /** Open todos (not done, not closed) before search and level filtering. */
  openTotal: number;
  /** Items that pass search and filter, in every group. */
  matched: number;
  levels: LevelOption[];
  /** A listed todo by id (the index is built on first use). */
  item(id: number): TodoItem | undefined;
}

export interface ListQuery {
  now: number;
  overrides: ReadonlyMap<number, Override>;
  search: string;
  /** undefined = every level; null = todos without a level; a string = that level name. */
  level: string | null | undefined;
  collapsed: ReadonlySet<GroupId>;
  /**
   * Build only the first `limit` rows: exactly the full list's first rows, with exact counts,
   * without sorting every big group. For the first paint of a very large snapshot.
   */
  limit?: number | undefined;
}

export const todoKey = (id: number): string => `t:${id}`;
export const groupKey = (group: GroupId): string => `g:${group}`;

/** Local midnight today and tomorrow (DST-safe), computed once per list instead of per todo. */
export interface DayBounds {
  start: number;
  end: number;
}
export function dayBounds(now: number): DayBounds {
  const start = startOfDay(now);
  return { start: start.getTime(), end: addDays(start, 1).getTime() };
}

/** Sorts a todo into a group, or returns null when it no longer belongs in the list. Hot: no closures or spreads. */
export function classify(todo: TodoView, now: number, override: Override | undefined, day: DayBounds = dayBounds(now)): TodoItem | null {
  const doneLocal = override ? override.done : todo.local.done;
  const snooze = todo.local.snoozedUntil === null ? null : toMs(todo.local.snoozedUntil);
  const snoozedUntil = snooze !== null && snooze > now ? snooze : null;
  const remindAt = toMs(todo.remindAt);
  const rank = levelRank(todo.level.name);

  if (doneLocal || todo.closed) {
    let finishedAt: number;
    if (doneLocal) finishedAt = override?.done ? override.at : (toMs(todo.local.doneAt) ?? now);
    else finishedAt = toMs(todo.closed?.at) ?? now;
    if (finishedAt < day.start || finishedAt >= day.end) return null;
    return { kind: 'todo', key: todoKey(todo.id), id: todo.id, todo, group: 'done', dueAt: remindAt, snoozedUntil, doneLocal, finishedAt, rank };
  }
  const dueAt = snoozedUntil ?? remindAt;
  const group: GroupId = dueGroup(dueAt, now, day.end);
  return { kind: 'todo', key: todoKey(todo.id), id: todo.id, todo, group, dueAt, snoozedUntil, doneLocal, finishedAt: null, rank };
}

export function compareOpen(a: TodoItem, b: TodoItem): number {
  const at = a.dueAt ?? Number.POSITIVE_INFINITY;
  const bt = b.dueAt ?? Number.POSITIVE_INFINITY;
  if (at !== bt) return at < bt ? -1 : 1;
  if (a.rank !== b.rank) return a.rank - b.rank;
  const an = a.todo.level.name ?? '';
  const bn = b.todo.level.name ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return a.todo.id - b.todo.id;
}

/** The `k` first items in `compare` order, sorted, without sorting them all (k is small). */
export function smallest<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  if (k <= 0) return top;
  for (const item of items) {
    if (top.length === k && compare(item, top[k - 1] as T) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(top[mid] as T, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, item);
    if (top.length > k) top.pop();
  }
  return top;
}

function compareDone(a: TodoItem, b: TodoItem): number {
  return (b.finishedAt ?? 0) - (a.finishedAt ?? 0) || a.todo.id - b.todo.id;
}

function levelMatches(todo: TodoView, level: string | null | undefined): boolean {
  if (level === undefined) return true;
  return (todo.level.name ?? null) === level;
}

/** With `memo`, unchanged todos keep their items and each group its order from the last build (listMemo.ts). */
export function buildList(todos: readonly TodoView[], query: ListQuery, memo?: ListMemo): ListModel {
  const terms = searchTerms(query.search);
  const buckets: Record<GroupId, TodoItem[]> = { overdue: [], today: [], later: [], none: [], done: [] };
  const levels = new Map<string | null, LevelOption>();
  let openTotal = 0;
  let matched = 0;

  const day = dayBounds(query.now);
  const overrides = query.overrides.size > 0 ? query.overrides : null;
  const filtering = terms.length > 0 || query.level !== undefined;
  // A first paint of a big list builds no memo: the full build right after it does.
  const keep = query.limit === undefined ? memo : undefined;
  // Hot for 10,000 todos on a cold page: an indexed loop, no per-item closures.
  for (let i = 0; i < todos.length; i++) {
    const todo = todos[i] as TodoView;
    const override = overrides ? overrides.get(todo.id) : undefined;
    const item =
      keep && override === undefined
        ? memoItem(keep, todo, query.now, day.start, () => classify(todo, query.now, undefined, day))
        : classify(todo, query.now, override, day);
    if (!item) continue;
    if (item.group !== 'done') openTotal += 1;
    const name = todo.level.name ?? null;
    const option = levels.get(name);
    if (option) option.count += 1;
    else levels.set(name, { name, color: todo.level.color, count: 1 });
    if (filtering && (!levelMatches(todo, query.level) || !matchesSearch(todo, terms))) continue;
    matched += 1;
    buckets[item.group].push(item);
  }

  const rows: ListRow[] = [];
  const counts = { overdue: 0, today: 0, later: 0, none: 0, done: 0 } satisfies Record<GroupId, number>;
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  let totalRows = 0;
  let partial = false;
  for (const group of GROUP_ORDER) {
    const items = buckets[group];
    counts[group] = items.length;
    if (items.length === 0) continue;
    const collapsed = query.collapsed.has(group);
    totalRows += collapsed ? 1 : 1 + items.length;
    if (partial) continue;
    const compare = group === 'done' ? compareDone : compareOpen;
    rows.push({ kind: 'group', key: groupKey(group), group, count: items.length, collapsed });
    if (collapsed) continue;
    const room = limit - rows.length;
    if (items.length > room) {
      for (const item of smallest(items, Math.max(0, room), compare)) rows.push(item);
      partial = true;
      continue;
    }
    for (const item of keep ? sortGroup(keep, group, items, compare) : items.sort(compare)) rows.push(item);
  }

  const levelList = [...levels.values()].sort(
    (a, b) => levelRank(a.name) - levelRank(b.name) || (a.name ?? '').localeCompare(b.name ?? ''),
  );
  let index: Map<number, TodoItem> | null = null;
  const item = (id: number): TodoItem | undefined => {
    if (!index) {
      index = new Map();
      for (const group of GROUP_ORDER) for (const it of buckets[group]) index.set(it.id, it);
    }
    return index.get(id);
  };
  return { rows, totalRows, partial, counts, openTotal, matched, levels: levelList, item };
}
