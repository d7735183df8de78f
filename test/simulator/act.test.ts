import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './helpers';

const FANS = '/v2/Friend/GetFansList';
const ACTIVATE = '/v2/ChatMess/ActivationConversation';

describe('GetFansList', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  it('finds the customer of a demo todo by fansKe and the operating account (wechatId)', async () => {
    const todo = h.sim.admin.todos().find((t) => h.sim.admin.fans().some((f) => f.fansKey === t.weixin && f.wechatId === t.wecharId));
    expect(todo).toBeDefined();
    const env = await h.v2<Record<string, unknown>[]>(FANS, { wechatId: todo?.wecharId, fansKe: todo?.weixin });
    expect(env).toMatchObject({ succeed: true, errmsg: 20000 });
    expect(env.values).toHaveLength(1);
    expect(env.values[0]).toMatchObject({ wechatId: todo?.wecharId, fansKey: todo?.weixin, fansName: expect.any(String) });
  });

  it('answers an empty list for a customer who is no friend of that account', async () => {
    const env = await h.v2<unknown[]>(FANS, { wechatId: 3430, fansKe: 'wxid_nobody_here' });
    expect(env).toMatchObject({ succeed: true, values: [] });
  });

  it('requires fansKe (200012) and refuses a mistyped wechatId', async () => {
    expect(await h.v2(FANS, { wechatId: 3430 })).toMatchObject({ succeed: false, errmsg: 200012 });
    expect(await h.v2(FANS, { wechatId: '3430', fansKe: 'x' })).toMatchObject({ succeed: false, errmsg: 200012 });
  });

  it('filters by fansName over nickname and remark, and an empty fansKe lists everyone', async () => {
    h.sim.admin.addFan({ wechatId: 3431, fansKey: 'wxid_aaa', fansName: '甜甜', fansRemark: '团购-甜甜' });
    const all = await h.v2<unknown[]>(FANS, { fansKe: '' });
    expect(all.values.length).toBe(h.sim.admin.fans().length);
    const byName = await h.v2<{ fansKey: string }[]>(FANS, { fansKe: '', fansName: '团购-甜' });
    expect(byName.values.map((f) => f.fansKey)).toEqual(['wxid_aaa']);
  });

  it('can be faulted like any endpoint', async () => {
    h.sim.admin.injectFault({ kind: 'business', errmsg: 200011, path: FANS });
    expect(await h.v2(FANS, { fansKe: '' })).toMatchObject({ succeed: false, errmsg: 200011 });
    expect((await h.v2(FANS, { fansKe: '' })).succeed).toBe(true);
  });
});

describe('ActivationConversation', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  const valid = { ad_friend_wenober: 'wxid_8k2m4n6p0q1r3s', ad_wechat_id: 3430, staff_code: 'b08', enforceAttribution: 0, switchSession: 1 };

  it('accepts a friend of the account and records the activation for the admin API', async () => {
    const env = await h.v2(ACTIVATE, valid);
    expect(env).toMatchObject({ succeed: true, errmsg: 20000, values: true });
    expect(h.sim.admin.activations()).toEqual([
      expect.objectContaining({ friend: 'wxid_8k2m4n6p0q1r3s', accountId: 3430, staffCode: 'b08', switchSession: 1, activationType: 0 }),
    ]);
    const viaHttp = await (await h.raw('/_admin/activations')).json();
    expect(viaHttp).toHaveLength(1);
  });

  it('finds the account by its original number (ad_original_nober) too, and the friend by WeChat number', async () => {
    const { ad_wechat_id: _id, ...rest } = valid;
    const env = await h.v2(ACTIVATE, { ...rest, ad_original_nober: 'kkk368555', ad_friend_wenober: 'zhou_laoshi88' });
    expect(env.succeed).toBe(true);
  });

  it.each([
    ['no customer', { ad_friend_wenober: '' }, 200008],
    ['no operating account', { ad_wechat_id: undefined }, 200014],
    ['an unknown operating account', { ad_wechat_id: 999 }, 200018],
    ['a customer who is no friend', { ad_friend_wenober: 'wxid_stranger' }, 200009],
    ['an unknown staff code', { staff_code: 'b99' }, 200010],
    ['no enforceAttribution', { enforceAttribution: undefined }, 200012],
    ['enforceAttribution 2', { enforceAttribution: 2 }, 200012],
    ['activationType 1 without content', { activationType: 1 }, 200012],
  ])('refuses %s with the documented code', async (_label, patch, errmsg) => {
    const env = await h.v2(ACTIVATE, { ...valid, ...patch });
    expect(env).toMatchObject({ succeed: false, errmsg, values: null });
    expect(h.sim.admin.activations()).toHaveLength(0);
  });

  it('reset clears the activations and restores the fans', async () => {
    await h.v2(ACTIVATE, valid);
    h.sim.admin.removeFan(3430, 'wxid_8k2m4n6p0q1r3s');
    expect((await h.v2(ACTIVATE, valid)).errmsg).toBe(200009);
    h.sim.admin.reset();
    expect(h.sim.admin.activations()).toHaveLength(0);
    expect((await h.v2(ACTIVATE, valid)).succeed).toBe(true);
  });

  it('admin HTTP adds a fan and refuses junk', async () => {
    const ok = await h.raw('/_admin/fans', { method: 'POST', body: JSON.stringify({ wechatId: 5120, fansKey: 'wm_abc', fansName: '企微客户' }) });
    expect(ok.status).toBe(201);
    expect((await h.v2(ACTIVATE, { ...valid, ad_wechat_id: 5120, ad_friend_wenober: 'wm_abc' })).succeed).toBe(true);
    const bad = await h.raw('/_admin/fans', { method: 'POST', body: JSON.stringify({ wechatId: 'x', fansKey: '' }) });
    expect(bad.status).toBe(400);
  });
});
