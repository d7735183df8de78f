/**
 * The simulator at 100,000 todos: admin inserts and paging index their rows instead of
 * scanning the table, so paging through N rows examines each row about once per change
 * of the table, not once per page (before: every insert scanned for the next id and
 * every page re-filtered and re-parsed the whole table).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAdmin } from '../../electron/main/simulator/admin';
import { DEMO_CREDENTIALS, DEMO_STAFF, DEMO_TENANTS } from '../../electron/main/simulator/directory';
import type { WireTodo } from '../../electron/main/simulator/index';
import { createState } from '../../electron/main/simulator/state';
import { harness, LIST, COUNT, T0, type Harness } from './helpers';

const N = 100_000;
const filter = { usersate: 0, remindStaff: DEMO_STAFF };

function bigState() {
  const state = createState({
    now: () => T0,
    seed: 1,
    demoData: false,
    tokenTtlSec: 7200,
    credentials: { ...DEMO_CREDENTIALS },
    tenants: DEMO_TENANTS,
    demoStaff: DEMO_STAFF,
  });
  const admin = createAdmin(state);
  for (let i = 0; i < N; i++) admin.addTodo({ remindTitle: `t${i}`, sate: i % 10 === 0 ? 1 : 0 });
  return { state, admin };
}

describe('simulator at 100,000 todos', () => {
  let h: Harness | null = null;
  afterEach(async () => {
    await h?.close();
    h = null;
  });

  it('pages through every open todo scanning the table once, and a change is seen by the next page', () => {
    const { state, admin } = bigState();
    const { table } = state;
    const paging = { cap: null, ignorePageIndex: false };
    const before = table.stats.rowsScanned;
    const seen: number[] = [];
    for (let p = 1; ; p++) {
      const page = table.page({ ...filter, usersate: 0 }, p, 100, paging);
      seen.push(...page.map((r) => r.id));
      if (page.length < 100) break;
    }
    expect(seen.length).toBe(N * 0.9);
    expect(seen.every((id, i) => i === 0 || id > seen[i - 1]!)).toBe(true);
    expect(table.stats.rowsScanned - before).toBe(N);
    expect(table.count({ usersate: 0, remindStaff: DEMO_STAFF })).toBe(N * 0.9);

    // Changes re-index: a handled todo leaves the open list, an inserted one joins it in id order.
    admin.handle(2);
    const added = admin.addTodo({ id: N + 50, remindTitle: 'late' });
    admin.addTodo({ id: N + 10, remindTitle: 'between' });
    expect(table.nextId()).toBe(N + 51);
    const first = table.page(filter, 1, 3, paging).map((r) => r.id);
    expect(first).toEqual([3, 4, 5]);
    const tail = table.query(filter).slice(-2).map((r) => r.id);
    expect(tail).toEqual([N + 10, added.id]);
    admin.remove(N + 50);
    expect(table.nextId()).toBe(N + 11);
    expect(table.get(N + 50)).toBeUndefined();
  });

  it('serves 100,000 todos over HTTP in pages, in id order, with a matching count', async () => {
    h = await harness({ demoData: false });
    for (let i = 0; i < N; i++) h.sim.admin.addTodo({ remindTitle: `t${i}` });
    const ids: number[] = [];
    for (let pageIndex = 1; ; pageIndex++) {
      const env = await h.v2<WireTodo[]>(LIST, { ...filter, pageIndex, pageSize: 2000 });
      ids.push(...env.values.map((t) => t.id));
      if (env.values.length < 2000) break;
    }
    expect(ids.length).toBe(N);
    expect(ids[0]).toBe(1);
    expect(ids.at(-1)).toBe(N);
    expect((await h.v2<number>(COUNT, filter)).values).toBe(N);
  });
});
