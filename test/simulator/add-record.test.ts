import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireTodo } from '../../electron/main/simulator/index';
import { ADD, harness, LIST, type Harness } from './helpers';

// The virtual clock stands at 2024-08-07 15:30:23.056 China time.
const valid = {
  Weixin: 'wxid_cdh8t1ajl8qm22',
  From: 0,
  SffId: 'b03',
  RemindTitle: '回访客户确认收货',
  FollowupsiTuation: '确认商品完好',
  RemindTime: '2024-08-18 00:00:00',
  IsAlways: 1,
  Recipient: ['b08', 'b11'],
  AdWecharId: 3430,
  LevelColor: '#ff0303',
  LevelName: '紧急',
  EventType: 100,
};

describe('AddRecordNew', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ demoData: false });
  });
  afterEach(() => h.close());

  it('returns the new integer id, which then shows in the list in wire form', async () => {
    const env = await h.v2<number>(ADD, valid);
    expect(env).toMatchObject({ succeed: true, errmsg: 20000, errdesc: null });
    expect(Number.isInteger(env.values)).toBe(true);
    const list = await h.v2<WireTodo[]>(LIST, { chargeDaffairesId: env.values, pageIndex: 1, pageSize: 10 });
    expect(list.values).toHaveLength(1);
    const item = list.values[0] as WireTodo;
    expect(item).toEqual({
      id: env.values,
      weixin: 'wxid_cdh8t1ajl8qm22',
      merchantId: '640462692',
      sffId: 'b03',
      remindTitle: '回访客户确认收货',
      followupsiTuation: '确认商品完好',
      remindTime: '2024-08-18T00:00:00+08:00',
      isAlways: true,
      sate: 0,
      recipientData: '["b08","b11"]',
      addTime: expect.stringMatching(/^2024-08-07T15:30:23\.056\d{4}\+08:00$/),
      wecharId: 3430,
      from: 0,
      levelColor: '#ff0303',
      levelName: '紧急',
      eventType: 100,
      ad_wechat_nober: 'kkk368555',
      ad_wechat_nick: '个微P06',
    });
    const second = await h.v2<number>(ADD, valid);
    expect(second.values).toBeGreaterThan(env.values);
  });

  it('AddRecord does the same but answers values: true', async () => {
    const env = await h.v2<boolean>('/v2/Todo/AddRecord', valid);
    expect(env).toMatchObject({ succeed: true, errmsg: 20000, values: true });
    expect(h.sim.admin.todos()).toHaveLength(1);
  });

  it.each([
    ['yyyy-MM-dd HH:mm:ss (China time)', '2024-08-07 16:00:00', '2024-08-07T16:00:00+08:00'],
    ['ISO 8601 with offset', '2024-08-07T08:00:00Z', '2024-08-07T16:00:00+08:00'],
    ['ISO 8601 with +08:00 and fraction', '2024-08-07T16:00:00.000+08:00', '2024-08-07T16:00:00+08:00'],
    ['ISO 8601 without offset (China time)', '2024-08-07T16:00:00', '2024-08-07T16:00:00+08:00'],
    ['now, to the second', '2024-08-07 15:30:23', '2024-08-07T15:30:23+08:00'],
  ])('accepts RemindTime as %s', async (_label, input, stored) => {
    const env = await h.v2<number>(ADD, { ...valid, RemindTime: input });
    expect(env.succeed).toBe(true);
    expect(h.sim.admin.todos()[0]?.remindTime).toBe(stored);
  });

  it('refuses a RemindTime earlier than now, saying why', async () => {
    const env = await h.v2(ADD, { ...valid, RemindTime: '2024-08-07 15:30:22' });
    expect(env).toMatchObject({ succeed: false, errmsg: 200012, values: null });
    expect(env.errdesc).toContain('提醒时间不能小于当前时间');
    expect(h.sim.admin.todos()).toHaveLength(0);
  });

  it('follows the virtual clock for "now"', async () => {
    h.clock.advance(3 * 24 * 3600_000);
    expect((await h.v2(ADD, { ...valid, RemindTime: '2024-08-09 10:00:00' })).errmsg).toBe(200012);
    expect((await h.v2(ADD, { ...valid, RemindTime: '2024-08-11 10:00:00' })).errmsg).toBe(20000);
  });

  it('refuses a body without the customer (Weixin) with the code table\'s 200008', async () => {
    const { Weixin: _w, ...rest } = valid;
    expect(await h.v2(ADD, rest)).toMatchObject({ succeed: false, errmsg: 200008, values: null });
    expect(await h.v2(ADD, { ...valid, Weixin: ' ' })).toMatchObject({ succeed: false, errmsg: 200008 });
    expect(h.sim.admin.todos()).toHaveLength(0);
  });

  it('AddRecord keeps Weixin and From optional, as its visible schema does', async () => {
    const { Weixin: _w, From: _f, ...rest } = valid;
    expect(await h.v2('/v2/Todo/AddRecord', rest)).toMatchObject({ succeed: true, values: true });
    expect(h.sim.admin.todos()[0]).toMatchObject({ weixin: '', from: 0 });
    expect((await h.v2('/v2/Todo/AddRecord', { ...valid, RemindTime: '2024-08-01 10:00:00' })).errmsg).toBe(200012);
  });

  it.each(['From', 'RemindTitle', 'FollowupsiTuation', 'RemindTime', 'AdWecharId'])(
    'refuses a body without the required %s (200012)',
    async (key) => {
      const body: Record<string, unknown> = { ...valid };
      delete body[key];
      const env = await h.v2(ADD, body);
      expect(env).toMatchObject({ succeed: false, errmsg: 200012, values: null });
      expect(env.errdesc).toContain(key);
    },
  );

  it.each([
    ['RemindTime not a time', { RemindTime: 'tomorrow' }, 200012],
    ['impossible date', { RemindTime: '2024-02-30 10:00:00' }, 200012],
    ['From out of range', { From: 7 }, 200012],
    ['From as a string', { From: '0' }, 200012],
    ['IsAlways not 0/1', { IsAlways: 2 }, 200012],
    ['Recipient not an array', { Recipient: 'b08' }, 200012],
    ['unknown recipient', { Recipient: ['b99'] }, 200010],
    ['unknown SffId', { SffId: 'b99' }, 200010],
  ])('refuses %s', async (_label, patch, errmsg) => {
    const env = await h.v2(ADD, { ...valid, ...patch });
    expect(env).toMatchObject({ succeed: false, errmsg, values: null });
    expect(h.sim.admin.todos()).toHaveLength(0);
  });

  it('treats optional fields as optional', async () => {
    const { SffId: _s, IsAlways: _i, Recipient: _r, LevelColor: _c, LevelName: _n, EventType: _e, ...minimal } = valid;
    const env = await h.v2<number>(ADD, minimal);
    expect(env.succeed).toBe(true);
    expect(h.sim.admin.todos()[0]).toMatchObject({ sffId: '', isAlways: false, recipientData: '[]', levelColor: '', eventType: 0 });
  });

  it('refuses an unparsable body with 200012 and a non-JSON content type with HTTP 415', async () => {
    const token = await h.token();
    const bad = await h.raw(ADD, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '{"Weixin": ',
    });
    expect(bad.status).toBe(200);
    expect(await bad.json()).toMatchObject({ succeed: false, errmsg: 200012 });
    const array = await h.raw(ADD, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: '[1,2]',
    });
    expect(await array.json()).toMatchObject({ succeed: false, errmsg: 200012 });
    const form = await h.raw(ADD, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' },
      body: JSON.stringify(valid),
    });
    expect(form.status).toBe(415);
    expect(h.sim.admin.todos()).toHaveLength(0);
  });
});
