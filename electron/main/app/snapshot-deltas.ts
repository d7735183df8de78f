/**
 * What changed between two snapshots, as the bridge sends it (shared/contract/delta.ts).
 * Todo views are memoised by the service (service/todo-views.ts), so an unchanged todo is
 * the same object and costs one comparison; a changed one is sent whole, or only its marks
 * when its server data is the same.
 */
import type { NamesPatch, SnapshotDelta, SnapshotFields, TodoMarksPatch } from '../../../shared/contract/delta';
import type { PeopleNames, Snapshot, TodoView } from '../../../shared/contract/types';

/** Every top-level field but the list, the names and the time (typed so a new field is not forgotten). */
const FIELDS = {
  status: true,
  reminders: true,
  demo: true,
  staff: true,
  storageProblem: true,
  hostProblem: true,
  pending: true,
  handoffs: true,
} satisfies Record<keyof SnapshotFields, true>;
const FIELD_NAMES = Object.keys(FIELDS) as (keyof SnapshotFields)[];

/** The view's own fields; everything else is the todo as the server has it. */
const MARK_KEYS = new Set<string>(['local', 'closed', 'nextReminderAt']);

/** JSON values (status, a todo's account, a customer's names…): the same object, or the same content. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) if (!same(x[k], y[k])) return false;
  return true;
}

function sameServerData(a: TodoView, b: TodoView): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    if (MARK_KEYS.has(k)) continue;
    const x = (a as unknown as Record<string, unknown>)[k];
    const y = (b as unknown as Record<string, unknown>)[k];
    // Nested values (account, level, recipients) are compared by content: a todo re-parsed
    // into a new object with the same data is not a change.
    if (x !== y && !same(x, y)) return false;
  }
  return true;
}

function diffNames(a: PeopleNames | undefined, b: PeopleNames | undefined): NamesPatch | undefined {
  if (a === b || b === undefined) return undefined;
  const patch: NamesPatch = {};
  const before = a?.customers ?? {};
  const customers: NonNullable<NamesPatch['customers']> = {};
  let n = 0;
  for (const [key, info] of Object.entries(b.customers)) {
    if (!same(before[key], info)) {
      customers[key] = info;
      n++;
    }
  }
  for (const key of Object.keys(before)) {
    if (!(key in b.customers)) {
      customers[key] = null;
      n++;
    }
  }
  if (n > 0) patch.customers = customers;
  if (!same(a?.staff, b.staff)) patch.staff = b.staff;
  return n > 0 || patch.staff ? patch : undefined;
}

/** The delta from `prev` to `next`, or null when nothing but the time changed. */
export function diffSnapshots(prev: Snapshot, next: Snapshot): SnapshotDelta | null {
  const upsert: TodoView[] = [];
  const marks: TodoMarksPatch[] = [];
  const compare = (old: TodoView | undefined, t: TodoView): void => {
    if (old === t) return;
    if (old === undefined || !sameServerData(old, t)) {
      upsert.push(t);
      return;
    }
    if (same(old.local, t.local) && same(old.closed, t.closed) && old.nextReminderAt === t.nextReminderAt) return;
    marks.push({ id: t.id, local: t.local, closed: t.closed, nextReminderAt: t.nextReminderAt });
  };
  // The list keeps its order from one snapshot to the next: walk both while the ids line
  // up, and index only the rest (after the first insertion or removal).
  const a = prev.todos;
  const b = next.todos;
  let i = 0;
  for (const n = Math.min(a.length, b.length); i < n && (a[i] as TodoView).id === (b[i] as TodoView).id; i++) compare(a[i], b[i] as TodoView);
  const before = new Map<number, TodoView>();
  for (let j = i; j < a.length; j++) before.set((a[j] as TodoView).id, a[j] as TodoView);
  for (let j = i; j < b.length; j++) {
    const t = b[j] as TodoView;
    compare(before.get(t.id), t);
    before.delete(t.id);
  }
  const remove = [...before.keys()];
  const fields: Partial<SnapshotFields> = {};
  const cleared: (keyof SnapshotFields)[] = [];
  for (const k of FIELD_NAMES) {
    if (same(prev[k], next[k])) continue;
    if (next[k] === undefined) cleared.push(k);
    else (fields as Record<string, unknown>)[k] = next[k];
  }
  const changedFields = Object.keys(fields).length + cleared.length;
  const names = diffNames(prev.names, next.names);
  if (upsert.length + marks.length + remove.length + changedFields === 0 && !names) return null;
  return {
    upsert,
    marks,
    remove,
    fields,
    ...(cleared.length > 0 ? { cleared } : {}),
    ...(names ? { names } : {}),
    generatedAt: next.generatedAt,
  };
}
