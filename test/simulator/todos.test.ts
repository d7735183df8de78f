import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireTodo } from '../../electron/main/simulator/index';
import { COUNT, harness, LIST, T0, type Harness } from './helpers';

const HOUR = 3600_000;
const sec = (ms: number) => Math.floor(ms / 1000);
const ids = (values: WireTodo[]) => values.map((t) => t.id);

describe('GetChargeDaffairesList / Count over a known table', () => {
  let h: Harness;
  let a: WireTodo, b: WireTodo, c: WireTodo, d: WireTodo, e: WireTodo;

  beforeEach(async () => {
    h = await harness({ demoData: false });
    const admin = h.sim.admin;
    // addTime and remindTime spread around T0 so both ranges can cut between them.
    a = admin.addTodo({ id: 10, remindTitle: 'a', addTime: '2024-08-07T09:00:00.1234567+08:00', remindTime: '2024-08-07T16:00:00+08:00' });
    b = admin.addTodo({
      id: 11,
      remindTitle: 'b',
      addTime: '2024-08-07T10:00:00.123456+08:00',
      remindTime: '2024-08-08T09:00:00+08:00',
      recipientData: '["b08","b11"]',
      sffId: 'b05',
      sate: 1,
    });
    c = admin.addTodo({ id: 12, remindTitle: 'c', addTime: '2024-08-07T11:00:00.5+08:00', recipientData: '["b11"]', sate: 2, wecharId: 5120 });
    d = admin.addTodo({ id: 13, remindTitle: 'd', addTime: '2024-08-07T12:00:00+08:00', remindTime: undefined, wechatNober: 'wwqk_kf01', wechatNick: '企微客服01' });
    e = admin.addTodo({ id: 14, remindTitle: 'e', addTime: '2024-08-07T13:00:00+08:00', recipientData: 'not json' });
  });
  afterEach(() => h.close());

  const list = async (filter: Record<string, unknown>) => {
    const env = await h.v2<WireTodo[]>(LIST, { pageIndex: 1, pageSize: 100, ...filter });
    expect(env.succeed).toBe(true);
    const count = await h.v2<number>(COUNT, filter);
    expect(count.values).toBe(env.values.length);
    return ids(env.values);
  };

  it('returns every row, ordered by id, as the wire items were stored', async () => {
    h.sim.admin.updateTodo(10, { remindTitle: 'a2' });
    const env = await h.v2<WireTodo[]>(LIST, { pageIndex: 1, pageSize: 100, usersate: -1 });
    expect(ids(env.values)).toEqual([10, 11, 12, 13, 14]);
    expect(env.values[0]).toEqual({ ...a, remindTitle: 'a2' });
    expect(env.values[3]).toEqual(d);
    expect('remindTime' in (env.values[3] as object)).toBe(false);
  });

  it('usersate: missing and -1 give all; 0 open only; 1 handled only', async () => {
    expect(await list({})).toEqual([10, 11, 12, 13, 14]);
    expect(await list({ usersate: -1 })).toEqual([10, 11, 12, 13, 14]);
    expect(await list({ usersate: 0 })).toEqual([10, 13, 14]);
    expect(await list({ usersate: 1 })).toEqual([11]);
  });

  it('remindStaff matches the parsed recipientData array', async () => {
    expect(await list({ remindStaff: 'b08' })).toEqual([10, 11, 13]);
    expect(await list({ remindStaff: 'b11' })).toEqual([11, 12]);
    expect(await list({ remindStaff: 'b15' })).toEqual([]);
    expect(await list({ remindStaff: '' })).toEqual([10, 11, 12, 13, 14]);
  });

  it('answers an unknown remindStaff with errmsg 200010', async () => {
    for (const path of [LIST, COUNT]) {
      const env = await h.v2(path, { pageIndex: 1, pageSize: 10, remindStaff: 'b99' });
      expect(env).toMatchObject({ succeed: false, errmsg: 200010, errdesc: '员工号不存在', values: null });
    }
  });

  it('filters createStaff, WecharId and wechatNober (either spelling)', async () => {
    expect(await list({ createStaff: 'b05' })).toEqual([11]);
    expect(await list({ WecharId: 5120 })).toEqual([12]);
    expect(await list({ WecharId: 0 })).toEqual([10, 11, 12, 13, 14]);
    expect(await list({ wechatNober: 'wwqk_kf01' })).toEqual([13]);
    expect(await list({ wechatNober: 'kkk368555' })).toEqual([10, 11, 12, 14]);
  });

  it('filters addTime by startTimestamp/endTimestamp (Unix seconds, inclusive, 0 = open)', async () => {
    const at = (wire: string) => sec(Date.parse(wire));
    expect(await list({ startTimestamp: at(b.addTime) })).toEqual([11, 12, 13, 14]);
    expect(await list({ endTimestamp: at(c.addTime) })).toEqual([10, 11, 12]);
    expect(await list({ startTimestamp: at(b.addTime), endTimestamp: at(d.addTime) })).toEqual([11, 12, 13]);
    expect(await list({ startTimestamp: 0, endTimestamp: 0 })).toEqual([10, 11, 12, 13, 14]);
    expect(e.addTime).toBe('2024-08-07T13:00:00+08:00');
  });

  it('filters remindTime by remindStartTimestamp/remindEndTimestamp; rows without one never match a bound', async () => {
    const t16 = sec(Date.parse('2024-08-07T16:00:00+08:00'));
    // a, c, e got the default remind time = now (T0, 15:30:23 China) except a (16:00) and b (tomorrow 09:00)
    expect(await list({ remindStartTimestamp: t16 })).toEqual([10, 11]);
    expect(await list({ remindEndTimestamp: t16 - 1 })).toEqual([12, 14]);
    expect(await list({ remindStartTimestamp: sec(T0), remindEndTimestamp: t16 })).toEqual([10, 12, 14]);
  });

  it('chargeDaffairesId > 0 selects one todo; 0 means no filter', async () => {
    expect(await list({ chargeDaffairesId: 12 })).toEqual([12]);
    expect(await list({ chargeDaffairesId: 999 })).toEqual([]);
    expect(await list({ chargeDaffairesId: 0 })).toEqual([10, 11, 12, 13, 14]);
  });

  it('combines filters', async () => {
    expect(await list({ remindStaff: 'b08', usersate: 0 })).toEqual([10, 13]);
    expect(await list({ remindStaff: 'b11', usersate: -1, createStaff: 'b03' })).toEqual([12]);
  });

  it('rejects bad parameters with errmsg 200012', async () => {
    for (const body of [
      { pageSize: 10 },
      { pageIndex: 1 },
      { pageIndex: 0, pageSize: 10 },
      { pageIndex: 1, pageSize: 0 },
      { pageIndex: '1', pageSize: 10 },
      { pageIndex: 1, pageSize: 10, usersate: 'all' },
      { pageIndex: 1, pageSize: 10, startTimestamp: -5 },
    ]) {
      const env = await h.v2(LIST, body);
      expect(env, JSON.stringify(body)).toMatchObject({ succeed: false, errmsg: 200012, values: null });
      expect(env.errdesc).toMatch(/^用户传参错误/);
    }
  });

  it('the count endpoint needs no paging fields', async () => {
    expect((await h.v2<number>(COUNT, {})).values).toBe(5);
    expect((await h.v2<number>(COUNT, { usersate: 0, remindStaff: 'b08' })).values).toBe(2);
  });
});

describe('paging', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ demoData: false });
    for (let i = 0; i < 23; i++) h.sim.admin.addTodo({ remindTitle: `t${i}` });
  });
  afterEach(() => h.close());

  const page = async (pageIndex: number, pageSize: number) =>
    ids((await h.v2<WireTodo[]>(LIST, { pageIndex, pageSize })).values);

  it('is 1-based and ends with a short then an empty page', async () => {
    const all = ids(h.sim.admin.todos());
    expect(all).toHaveLength(23);
    expect(await page(1, 10)).toEqual(all.slice(0, 10));
    expect(await page(2, 10)).toEqual(all.slice(10, 20));
    expect(await page(3, 10)).toEqual(all.slice(20));
    expect(await page(4, 10)).toEqual([]);
    expect(await page(1, 100)).toEqual(all);
  });

  it('cap: pages hold at most `cap` items whatever pageSize says, and offsets follow the cap', async () => {
    const all = ids(h.sim.admin.todos());
    h.sim.admin.setPaging({ cap: 5 });
    expect(await page(1, 100)).toEqual(all.slice(0, 5));
    expect(await page(2, 100)).toEqual(all.slice(5, 10));
    expect(await page(5, 100)).toEqual(all.slice(20, 23));
    expect(await page(6, 100)).toEqual([]);
    expect(await page(1, 3)).toEqual(all.slice(0, 3));
    expect((await h.v2<number>(COUNT, {})).values).toBe(23);
    h.sim.admin.setPaging({ cap: null });
    expect(await page(1, 100)).toEqual(all);
  });

  it('ignorePageIndex: every page is page 1', async () => {
    const all = ids(h.sim.admin.todos());
    h.sim.admin.setPaging({ ignorePageIndex: true });
    expect(await page(1, 10)).toEqual(all.slice(0, 10));
    expect(await page(2, 10)).toEqual(all.slice(0, 10));
    expect(await page(9, 10)).toEqual(all.slice(0, 10));
  });

  it('rejects a bad cap', () => {
    expect(() => h.sim.admin.setPaging({ cap: 0 })).toThrow(/cap/);
    expect(() => h.sim.admin.setPaging({ cap: 1.5 })).toThrow(/cap/);
  });
});

describe('against the demo data', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  it('remindStaff b08 + usersate 0 yields exactly the open todos addressed to b08', async () => {
    const env = await h.v2<WireTodo[]>(LIST, { remindStaff: 'b08', usersate: 0, pageIndex: 1, pageSize: 1000 });
    const expected = h.sim.admin
      .todos()
      .filter((t) => t.sate === 0 && (JSON.parse(t.recipientData) as string[]).includes('b08'))
      .map((t) => t.id);
    expect(ids(env.values)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(20);
    expect((await h.v2<number>(COUNT, { remindStaff: 'b08', usersate: 0 })).values).toBe(expected.length);
  });

  it('pages are disjoint and cover the whole list', async () => {
    const seen: number[] = [];
    for (let p = 1; ; p++) {
      const got = ids((await h.v2<WireTodo[]>(LIST, { pageIndex: p, pageSize: 7 })).values);
      if (got.length === 0) break;
      seen.push(...got);
    }
    expect(seen).toEqual(ids(h.sim.admin.todos()));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('a ten-minute remind window from now finds the todos due in the next minutes', async () => {
    const env = await h.v2<WireTodo[]>(LIST, {
      remindStaff: 'b08',
      usersate: 0,
      remindStartTimestamp: sec(T0),
      remindEndTimestamp: sec(T0 + HOUR / 6),
      pageIndex: 1,
      pageSize: 100,
    });
    const offsets = env.values.map((t) => Math.round((Date.parse(t.remindTime ?? '') - T0) / 60_000));
    expect(offsets).toEqual(expect.arrayContaining([1, 3, 7]));
  });
});
