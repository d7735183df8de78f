import { afterEach, describe, expect, it, vi } from 'vitest';
import { chinaMidnight } from '../../electron/main/simulator/china-time';
import { seedDemoTodos } from '../../electron/main/simulator/demo-data';
import type { WireTodo } from '../../electron/main/simulator/index';
import { harness, LIST, T0, type Harness } from './helpers';

const MIN = 60_000;
const DAY = 86_400_000;
const recipients = (t: WireTodo) => JSON.parse(t.recipientData) as string[];
const remindMs = (t: WireTodo) => (t.remindTime ? Date.parse(t.remindTime) : null);

describe('demo data', () => {
  const open: Harness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });

  it('is the same for the same seed and instant, over HTTP too', async () => {
    const a = await harness({ seed: 42 });
    const b = await harness({ seed: 42 });
    const c = await harness({ seed: 43 });
    open.push(a, b, c);
    expect(a.sim.admin.todos()).toEqual(b.sim.admin.todos());
    expect(a.sim.admin.todos()).not.toEqual(c.sim.admin.todos());
    const body = { pageIndex: 1, pageSize: 1000, usersate: -1 };
    expect((await a.v2(LIST, body)).values).toEqual((await b.v2(LIST, body)).values);
  });

  it('is placed relative to now', () => {
    const early = seedDemoTodos(1, T0);
    const later = seedDemoTodos(1, T0 + 3 * DAY);
    expect(later.map((t) => t.remindTitle)).toEqual(early.map((t) => t.remindTitle));
    const shift = (t: WireTodo) => (remindMs(t) ?? 0) + 3 * DAY;
    expect(later.map(remindMs)).toEqual(early.map((t) => (remindMs(t) === null ? null : shift(t))));
  });

  it('never uses Math.random', () => {
    const spy = vi.spyOn(Math, 'random');
    seedDemoTodos(7, T0);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  // Checked for many seeds and at awkward moments (just before China midnight, just after).
  const seeds = [1, 2, 3, 42, 1234, 0xffffffff];
  const moments = [T0, chinaMidnight(T0, 1) - 5 * MIN, chinaMidnight(T0, 1) + 5 * MIN];

  describe.each(seeds)('seed %i', (seed) => {
    it.each(moments)('at %i has the promised mix', (now) => {
      const rows = seedDemoTodos(seed, now);
      const mine = rows.filter((t) => recipients(t).includes('b08'));
      const others = rows.filter((t) => !recipients(t).includes('b08'));
      expect(mine).toHaveLength(40);
      expect(others).toHaveLength(15);
      expect(new Set(others.flatMap(recipients))).toEqual(new Set(['b11', 'b15']));

      // ids unique and ascending, and rows created in the past
      const ids = rows.map((t) => t.id);
      expect([...ids].sort((x, y) => x - y)).toEqual(ids);
      expect(new Set(ids).size).toBe(ids.length);
      for (const t of rows) expect(Date.parse(t.addTime)).toBeLessThan(now);

      // the schedule of the demo staff member's open todos
      const openMine = mine.filter((t) => t.sate === 0);
      const offsets = openMine.map(remindMs).filter((x): x is number => x !== null).map((ms) => ms - now);
      expect(offsets.filter((o) => o < 0 && o > -HOURS(1)).length).toBeGreaterThanOrEqual(3); // minutes overdue
      expect(offsets.filter((o) => o <= -DAY).length).toBeGreaterThanOrEqual(3); // days overdue
      for (const m of [1, 3, 7]) expect(offsets.some((o) => Math.round(o / MIN) === m)).toBe(true); // pops soon
      const endOfToday = chinaMidnight(now, 1);
      const laterToday = offsets.filter((o) => o > 10 * MIN && now + o < endOfToday);
      if (endOfToday - now > 30 * MIN) expect(laterToday.length).toBeGreaterThanOrEqual(4);
      expect(offsets.some((o) => now + o >= endOfToday && now + o < endOfToday + DAY)).toBe(true); // tomorrow
      expect(offsets.filter((o) => o >= 6 * DAY).length).toBeGreaterThanOrEqual(3); // next week
      expect(mine.filter((t) => !('remindTime' in t))).toHaveLength(1);
      expect(mine.filter((t) => t.remindTime === '')).toHaveLength(1);

      // states, levels, flags
      expect(mine.filter((t) => t.sate === 1).length).toBeGreaterThanOrEqual(5);
      expect(mine.filter((t) => t.sate === 2).length).toBeGreaterThanOrEqual(3);
      const always = rows.filter((t) => t.isAlways).length / rows.length;
      expect(always).toBeGreaterThan(0.1);
      expect(always).toBeLessThan(0.45);
      expect(rows.some((t) => t.levelName === '紧急' && t.levelColor === '#ff0303')).toBe(true);
      expect(new Set(rows.map((t) => t.levelName))).toEqual(new Set(['紧急', '重要', '普通', '低', '']));
      expect(rows.filter((t) => !/^#[0-9a-fA-F]{6}$/.test(t.levelColor)).map((t) => t.levelColor).sort()).toEqual(['', 'red']);
      expect(new Set(rows.map((t) => t.from))).toEqual(new Set([0, 1, 2, 3]));
      expect(new Set(rows.map((t) => t.eventType))).toEqual(new Set([0, 100, 120, 130]));

      // wire quirks
      const fractions = new Set(rows.map((t) => /\.(\d+)\+08:00$/.exec(t.addTime)?.[1]?.length));
      expect(fractions).toEqual(new Set([6, 7]));
      for (const t of rows) {
        if (t.remindTime) expect(t.remindTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
        expect(t.weixin).toMatch(/^wxid_[a-z0-9]{14}$/);
        expect(t.merchantId).toBe('640462692');
        expect(typeof t.recipientData).toBe('string');
      }
      const schemaSpelling = rows.filter((t) => 'wechatNober' in t);
      expect(schemaSpelling).toHaveLength(4);
      for (const t of schemaSpelling) expect(t).not.toHaveProperty('ad_wechat_nober');
      expect(rows.filter((t) => 'ad_wechat_nober' in t && 'ad_wechat_nick' in t)).toHaveLength(rows.length - 4);
      expect(new Set(rows.map((t) => t.sffId))).toContain('b03');
    });
  });
});

function HOURS(n: number): number {
  return n * 3_600_000;
}
