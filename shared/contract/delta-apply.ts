/**
 * The page's side of snapshot deltas, shared by the browser host's bridge and the Electron
 * preload: rebuilds a complete Snapshot from a delta, and checks the sequence so that a lost
 * or reordered message leads to a full snapshot instead of a wrong list. The window's store
 * only ever sees complete snapshots.
 */
import type { SnapshotDelta, SnapshotMessage } from './delta';
import type { PeopleNames, Snapshot, TodoView } from './types';

export function applyDelta(base: Snapshot, d: SnapshotDelta): Snapshot {
  const upserts = new Map<number, TodoView>();
  for (const t of d.upsert) upserts.set(t.id, t);
  const marks = new Map(d.marks.map((m) => [m.id, m]));
  const removed = new Set(d.remove);
  const todos: TodoView[] = [];
  // Unchanged todos keep their object, so the window's memoised rows stay as they are.
  for (const t of base.todos) {
    if (removed.has(t.id)) continue;
    const up = upserts.get(t.id);
    if (up) {
      todos.push(up);
      upserts.delete(t.id);
      continue;
    }
    const m = marks.get(t.id);
    todos.push(m ? { ...t, local: m.local, closed: m.closed, nextReminderAt: m.nextReminderAt } : t);
  }
  for (const t of upserts.values()) todos.push(t);
  const next: Snapshot = { ...base, ...d.fields, todos, generatedAt: d.generatedAt };
  for (const k of d.cleared ?? []) delete next[k];
  if (d.names) next.names = patchNames(base.names, d.names);
  return next;
}

function patchNames(base: PeopleNames | undefined, p: NonNullable<SnapshotDelta['names']>): PeopleNames {
  const customers = { ...base?.customers };
  for (const [key, info] of Object.entries(p.customers ?? {})) {
    if (info) customers[key] = info;
    else delete customers[key];
  }
  return { customers, staff: p.staff ?? base?.staff ?? {} };
}

/**
 * One connection's receiver. `deliver` gets each complete snapshot; `resync` is called
 * (once per gap) when a delta does not follow the last message, and the deltas after it
 * are dropped until the full snapshot arrives.
 */
export function createSnapshotReceiver(deliver: (s: Snapshot) => void, resync: () => void) {
  let current: Snapshot | null = null;
  let seq = 0;
  let waiting = false;
  return {
    receive(msg: SnapshotMessage): void {
      if ('full' in msg) {
        current = msg.full;
        seq = msg.seq;
        waiting = false;
        deliver(current);
        return;
      }
      if (waiting) return;
      if (current === null || msg.seq !== seq + 1) {
        waiting = true;
        resync();
        return;
      }
      seq = msg.seq;
      current = applyDelta(current, msg.delta);
      deliver(current);
    },
    /** A new connection starts over at seq 1 with a full snapshot. */
    reset(): void {
      current = null;
      seq = 0;
      waiting = false;
    },
    current: (): Snapshot | null => current,
  };
}
