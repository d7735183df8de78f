/**
 * What one build of the list keeps for the next (issue 13: the cost of an update follows the
 * change, not the list size). The bridges keep an unchanged todo's TodoView object from one
 * snapshot to the next (shared/contract/delta-apply.ts), so:
 * - an unchanged todo keeps its TodoItem (and its memoised row is not rendered again) for as
 *   long as its group, due time and snooze would come out the same;
 * - each group's order is the last order with the items that left taken out and the new ones
 *   merged in, instead of sorting the whole group again.
 * Both give exactly what a fresh build gives: the memo only saves work.
 */
import type { GroupId, TodoItem } from './grouping';
import type { TodoView } from '../../../shared/contract/types';

interface Kept {
  item: TodoItem | null;
  /** The item holds for `now` in [from, until) on the day starting at `dayStart`. */
  from: number;
  until: number;
  dayStart: number;
}

export interface ListMemo {
  items: WeakMap<TodoView, Kept>;
  sorted: Partial<Record<GroupId, readonly TodoItem[]>>;
}

export const createListMemo = (): ListMemo => ({ items: new WeakMap(), sorted: {} });

/**
 * Until when a classification stays what it is, `now` moving forward within the same day: a
 * snooze ends, an open todo's due time arrives (today → overdue). A done item whose finish
 * time fell back to `now` (no time known) is never kept.
 */
function holdsUntil(item: TodoItem | null, now: number): number {
  if (item === null) return Number.POSITIVE_INFINITY;
  if (item.finishedAt === now) return now;
  let until = item.snoozedUntil ?? Number.POSITIVE_INFINITY;
  if (item.group !== 'done' && item.dueAt !== null && item.dueAt > now) until = Math.min(until, item.dueAt);
  return until;
}

/** The todo's item at `now`: the kept one while it still holds, else a fresh one (kept). Without optimistic marks only. */
export function memoItem(
  memo: ListMemo,
  todo: TodoView,
  now: number,
  dayStart: number,
  build: () => TodoItem | null,
): TodoItem | null {
  const kept = memo.items.get(todo);
  if (kept && kept.dayStart === dayStart && now >= kept.from && now < kept.until) return kept.item;
  const item = build();
  memo.items.set(todo, { item, from: now, until: holdsUntil(item, now), dayStart });
  return item;
}

/**
 * `items` in `compare` order (a total order: ties end on the todo id). Reuses the group's
 * last order: those still present keep their relative order (their sort keys are fixed per
 * item), the new ones are sorted and merged in.
 */
export function sortGroup(
  memo: ListMemo,
  group: GroupId,
  items: TodoItem[],
  compare: (a: TodoItem, b: TodoItem) => number,
): readonly TodoItem[] {
  const previous = memo.sorted[group];
  let sorted: TodoItem[];
  if (!previous || previous.length === 0) {
    sorted = items.sort(compare);
  } else {
    const present = new Set(items);
    const kept = previous.filter((it) => present.has(it));
    if (present.size !== items.length) {
      sorted = items.sort(compare); // the same todo listed twice: no order to reuse
    } else if (kept.length === items.length) {
      sorted = kept;
    } else {
      const before = new Set(previous);
      const fresh = items.filter((it) => !before.has(it)).sort(compare);
      sorted = merge(kept, fresh, compare);
    }
  }
  memo.sorted[group] = sorted;
  return sorted;
}

function merge(a: readonly TodoItem[], b: readonly TodoItem[], compare: (a: TodoItem, b: TodoItem) => number): TodoItem[] {
  const out: TodoItem[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compare(a[i] as TodoItem, b[j] as TodoItem) <= 0 ? (a[i++] as TodoItem) : (b[j++] as TodoItem);
  while (i < a.length) out[k++] = a[i++] as TodoItem;
  while (j < b.length) out[k++] = b[j++] as TodoItem;
  return out;
}
