/**
 * Snapshot deltas (issue 13 item 2): the host's diff (app/snapshot-deltas.ts), the page's
 * apply and sequence check (shared/contract/delta-apply.ts), and the contract's zod schema.
 * The diff finds changed todos by reference (the service memoises views), so the cases
 * here build snapshots the way the service does: unchanged todos as the same objects.
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotDelta, SnapshotMessage } from '../../shared/contract/delta';
import { applyDelta, createSnapshotReceiver } from '../../shared/contract/delta-apply';
import { snapshotDeltaSchema, snapshotMessageSchema } from '../../shared/contract/delta-schema';
import type { Snapshot, TodoView } from '../../shared/contract/types';
import { diffSnapshots } from '../../electron/main/app/snapshot-deltas';
import { makeTodo } from '../service/support/fixtures';

const view = (id: number, over: Partial<TodoView> = {}): TodoView => ({
  ...makeTodo({ id, remindAt: '2025-01-02T01:00:00.000Z' }),
  local: { done: false, doneAt: null, snoozedUntil: null },
  closed: null,
  nextReminderAt: '2025-01-02T01:00:00.000Z',
  ...over,
});

const snap = (todos: TodoView[], over: Partial<Snapshot> = {}): Snapshot => ({
  todos,
  status: { state: 'ok', lastSuccessAt: '2025-01-01T00:00:00.000Z', lastError: null, nextSyncAt: '2025-01-01T00:01:00.000Z' },
  reminders: { pausedUntil: null, quietNow: false },
  demo: false,
  staff: 'b08',
  storageProblem: null,
  generatedAt: '2025-01-01T00:00:00.000Z',
  names: { customers: {}, staff: {} },
  pending: [],
  handoffs: {},
  ...over,
});

const later = { generatedAt: '2025-01-01T00:00:30.000Z' };

describe('diffSnapshots', () => {
  const a = view(1);
  const b = view(2);
  const c = view(3);
  const base = snap([a, b, c]);

  it('is null when nothing but the time changed (every todo the same object)', () => {
    expect(diffSnapshots(base, snap([a, b, c], later))).toBeNull();
  });

  it('lists added, changed and removed todos; unchanged ones are not sent', () => {
    const b2 = { ...b, title: '改了' };
    const d = view(4);
    const delta = diffSnapshots(base, snap([a, b2, d], later));
    expect(delta).toEqual({ upsert: [b2, d], marks: [], remove: [3], fields: {}, generatedAt: later.generatedAt });
    expect(delta!.upsert[0]).toBe(b2);
  });

  it('finds an insertion or removal in the middle of the list, whatever the order after it', () => {
    const x = view(9);
    expect(diffSnapshots(base, snap([a, x, b, c], later))).toMatchObject({ upsert: [x], marks: [], remove: [] });
    expect(diffSnapshots(base, snap([a, c], later))).toMatchObject({ upsert: [], marks: [], remove: [2] });
    expect(diffSnapshots(base, snap([c, b, a], later))).toBeNull();
  });

  it('sends only the marks of a todo whose server data did not change', () => {
    const done = { ...a, local: { done: true, doneAt: '2025-01-01T00:00:10.000Z', snoozedUntil: null }, nextReminderAt: null };
    const delta = diffSnapshots(base, snap([done, b, c], later));
    expect(delta).toMatchObject({ upsert: [], marks: [{ id: 1, local: done.local, closed: null, nextReminderAt: null }], remove: [] });
  });

  it('treats a todo re-made as a new object with the same data as unchanged, and one with new data as changed', () => {
    expect(diffSnapshots(base, snap([view(1), b, c], later))).toBeNull();
    const moved = view(2, { account: { ...b.account, nick: '新昵称' } });
    expect(diffSnapshots(base, snap([a, moved, c], later))?.upsert).toEqual([moved]);
  });

  it('sends top-level fields only when they changed, and names the ones that went away', () => {
    const status = { ...base.status, state: 'offline' as const };
    const delta = diffSnapshots(base, snap([a, b, c], { ...later, status, staff: 'b09', handoffs: undefined }));
    expect(delta?.fields).toEqual({ status, staff: 'b09' });
    expect(delta?.cleared).toEqual(['handoffs']);
    // A field rebuilt as a new object with the same content is not a change.
    expect(diffSnapshots(base, snap([a, b, c], { ...later, status: { ...base.status } }))).toBeNull();
  });

  it('sends the customer names that were added, changed or forgotten, not the whole map', () => {
    const info = (nick: string) => ({ wxid: 'w', nick, remark: null, wechatNo: null });
    const before = snap([a], { names: { customers: { k1: info('一'), k2: info('二') }, staff: {} } });
    const after = snap([a], { ...later, names: { customers: { k1: info('一'), k3: info('三') }, staff: {} } });
    expect(diffSnapshots(before, after)?.names).toEqual({ customers: { k3: info('三'), k2: null } });
  });
});

describe('applyDelta', () => {
  it('rebuilds the next snapshot exactly, keeping the objects of unchanged todos', () => {
    const a = view(1);
    const b = view(2);
    const c = view(3, { closed: { reason: 'handled', at: '2025-01-01T00:00:00.000Z' } });
    const before = snap([a, b, c], { names: { customers: { k: { wxid: 'w', nick: 'n', remark: null, wechatNo: null } }, staff: {} } });
    const snoozed = { ...b, local: { done: false, doneAt: null, snoozedUntil: '2025-01-01T01:00:00.000Z' } };
    const after = snap([{ ...a, title: '新' }, snoozed, view(9)], {
      ...later,
      reminders: { pausedUntil: '2025-01-01T02:00:00.000Z', quietNow: false },
      names: { customers: {}, staff: { b08: { name: '张三', depart: null } } },
      pending: undefined,
    });
    const delta = diffSnapshots(before, after)!;
    const rebuilt = applyDelta(JSON.parse(JSON.stringify(before)) as Snapshot, JSON.parse(JSON.stringify(delta)) as SnapshotDelta);
    expect(rebuilt).toEqual(JSON.parse(JSON.stringify(after)));
    expect('pending' in rebuilt).toBe(false);
    const kept = applyDelta(before, diffSnapshots(before, snap([a, snoozed, c], later))!);
    expect(kept.todos[0]).toBe(a);
    expect(kept.todos[2]).toBe(c);
  });
});

describe('snapshot receiver', () => {
  const s1 = snap([view(1)]);
  const s2 = snap([view(1), view(2)], later);
  const delta = diffSnapshots(s1, s2)!;

  it('applies deltas in sequence; a gap asks once for a full snapshot and drops deltas until it comes', () => {
    const got: Snapshot[] = [];
    let asked = 0;
    const r = createSnapshotReceiver((s) => got.push(s), () => asked++);
    r.receive({ seq: 1, full: s1 });
    r.receive({ seq: 2, delta });
    expect(got.map((s) => s.todos.length)).toEqual([1, 2]);
    r.receive({ seq: 4, delta }); // seq 3 was lost
    r.receive({ seq: 5, delta });
    expect(asked).toBe(1);
    expect(got).toHaveLength(2);
    r.receive({ seq: 6, full: s1 });
    r.receive({ seq: 7, delta });
    expect(got.map((s) => s.todos.length)).toEqual([1, 2, 1, 2]);
    expect(asked).toBe(1);
  });

  it('asks for a full snapshot when a delta comes before any full one, or out of order', () => {
    let asked = 0;
    const r = createSnapshotReceiver(() => {}, () => asked++);
    r.receive({ seq: 1, delta });
    expect(asked).toBe(1);
    const r2 = createSnapshotReceiver(() => {}, () => asked++);
    r2.receive({ seq: 1, full: s1 });
    r2.receive({ seq: 3, delta });
    expect(asked).toBe(2);
  });
});

describe('contract schema', () => {
  it('accepts what the diff produces, full or delta', () => {
    const s1 = snap([view(1)]);
    const s2 = snap([view(1, { title: 'x' }), view(2)], { ...later, hostProblem: { kind: 'no-tray', platform: 'linux' } });
    const full: SnapshotMessage = { seq: 1, full: s1 };
    const delta: SnapshotMessage = { seq: 2, delta: diffSnapshots(s1, s2)! };
    expect(snapshotMessageSchema.safeParse(JSON.parse(JSON.stringify(full))).success).toBe(true);
    expect(snapshotMessageSchema.safeParse(JSON.parse(JSON.stringify(delta))).success).toBe(true);
  });

  it('refuses malformed deltas', () => {
    const ok = { upsert: [], marks: [], remove: [], fields: {}, generatedAt: '2025-01-01T00:00:00.000Z' };
    expect(snapshotDeltaSchema.safeParse(ok).success).toBe(true);
    expect(snapshotDeltaSchema.safeParse({ ...ok, remove: ['1'] }).success).toBe(false);
    expect(snapshotDeltaSchema.safeParse({ ...ok, fields: { todos: [] } }).success).toBe(false);
    expect(snapshotDeltaSchema.safeParse({ ...ok, marks: [{ id: 1, local: { done: 'yes' }, closed: null, nextReminderAt: null }] }).success).toBe(false);
    expect(snapshotDeltaSchema.safeParse({ ...ok, upsert: [{ id: 1 }] }).success).toBe(false);
    expect(snapshotDeltaSchema.safeParse({ ...ok, cleared: ['todos'] }).success).toBe(false);
    expect(snapshotMessageSchema.safeParse({ seq: 0, delta: ok }).success).toBe(false);
  });
});
