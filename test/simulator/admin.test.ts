import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type WireTodo } from '../../electron/main/simulator/index';
import { COUNT, harness, LIST, type Harness } from './helpers';

describe('SimAdmin (in process)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ demoData: false });
  });
  afterEach(() => h.close());

  it('addTodo fills sensible defaults', () => {
    const t = h.sim.admin.addTodo({ remindTitle: '提醒' });
    expect(t).toEqual({
      id: 1,
      weixin: expect.stringMatching(/^wxid_/),
      merchantId: '640462692',
      sffId: 'b03',
      remindTitle: '提醒',
      followupsiTuation: null,
      remindTime: '2024-08-07T15:30:23+08:00',
      isAlways: false,
      sate: 0,
      recipientData: '["b08"]',
      addTime: expect.stringMatching(/^2024-08-07T15:30:23\.056\d{4}\+08:00$/),
      wecharId: 3430,
      from: 0,
      levelColor: '#1e90ff',
      levelName: '普通',
      eventType: 0,
      ad_wechat_nober: 'kkk368555',
      ad_wechat_nick: '个微P06',
    });
    expect(h.sim.admin.addTodo({ remindTitle: 'x' }).id).toBe(2);
    expect(() => h.sim.admin.addTodo({ remindTitle: 'dup', id: 2 })).toThrow(/exists/);
  });

  it('addTodo with the schema spelling leaves out the ad_ names', () => {
    const t = h.sim.admin.addTodo({ remindTitle: 'q', wechatNober: 'n1', wechatNick: 'nick' });
    expect(t.wechatNober).toBe('n1');
    expect('ad_wechat_nober' in t).toBe(false);
    expect('ad_wechat_nick' in t).toBe(false);
  });

  it('update, handle, cancel and remove change what the API returns', async () => {
    const t = h.sim.admin.addTodo({ remindTitle: 'a' });
    const list = async (usersate: number) =>
      (await h.v2<WireTodo[]>(LIST, { usersate, pageIndex: 1, pageSize: 10 })).values.map((x) => [x.id, x.sate, x.remindTitle]);
    expect(h.sim.admin.updateTodo(t.id, { remindTitle: 'b', remindTime: undefined })).not.toHaveProperty('remindTime');
    expect(await list(0)).toEqual([[t.id, 0, 'b']]);
    expect(h.sim.admin.handle(t.id).sate).toBe(1);
    expect(await list(0)).toEqual([]);
    expect(await list(1)).toEqual([[t.id, 1, 'b']]);
    expect(h.sim.admin.cancel(t.id).sate).toBe(2);
    expect(await list(1)).toEqual([]);
    expect(await list(-1)).toEqual([[t.id, 2, 'b']]);
    h.sim.admin.remove(t.id);
    expect(await list(-1)).toEqual([]);
    expect(() => h.sim.admin.remove(t.id)).toThrow(/unknown/);
    expect(() => h.sim.admin.updateTodo(999, {})).toThrow(/unknown/);
    expect(() => h.sim.admin.handle(999)).toThrow(/unknown/);
  });

  it('todos() returns copies', () => {
    h.sim.admin.addTodo({ remindTitle: 'a' });
    const copy = h.sim.admin.todos();
    (copy[0] as WireTodo).remindTitle = 'changed';
    expect(h.sim.admin.todos()[0]?.remindTitle).toBe('a');
  });

  it('stores junk verbatim, so clients meet it', async () => {
    const t = h.sim.admin.addTodo({ remindTitle: 'junk', levelColor: 'javascript:alert(1)', sate: 7, isAlways: 'true' as never });
    const env = await h.v2<WireTodo[]>(LIST, { pageIndex: 1, pageSize: 10, chargeDaffairesId: t.id });
    expect(env.values[0]).toMatchObject({ levelColor: 'javascript:alert(1)', sate: 7, isAlways: 'true' });
  });

  it('reset re-seeds, and clears faults, paging and the log', async () => {
    h.sim.admin.injectFault({ kind: 'status', status: 500, times: Infinity });
    h.sim.admin.setPaging({ cap: 1 });
    h.sim.admin.reset({ demoData: true, seed: 3 });
    expect(h.sim.admin.requestLog()).toEqual([]);
    const env = await h.v2<WireTodo[]>(LIST, { pageIndex: 1, pageSize: 100 });
    expect(env.values.length).toBe(Math.min(100, h.sim.admin.todos().length));
    expect(env.values.length).toBeGreaterThan(40);
    h.sim.admin.reset();
    expect(h.sim.admin.todos()).toEqual([]);
  });
});

describe('admin HTTP API', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ demoData: false });
  });
  afterEach(() => h.close());

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${h.sim.url}/_admin${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null, headers: res.headers };
  };

  it('adds, patches, handles, cancels, lists and deletes todos', async () => {
    const added = await admin('POST', '/todos', { remindTitle: '网页加的', recipientData: '["b11"]' });
    expect(added.status).toBe(201);
    const id = (added.body as WireTodo).id;
    expect(added.body).toMatchObject({ remindTitle: '网页加的', recipientData: '["b11"]', sate: 0 });
    expect(added.headers.get('access-control-allow-origin')).toBeNull();

    const patched = await admin('PATCH', `/todos/${id}`, { followupsiTuation: null, levelName: '紧急', $unset: ['remindTime'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ followupsiTuation: null, levelName: '紧急' });
    expect(patched.body).not.toHaveProperty('remindTime');

    expect(((await admin('POST', `/todos/${id}/handle`)).body as WireTodo).sate).toBe(1);
    expect(((await admin('POST', `/todos/${id}/cancel`)).body as WireTodo).sate).toBe(2);
    expect((await admin('GET', '/todos')).body).toEqual(h.sim.admin.todos());
    expect((await admin('DELETE', `/todos/${id}`)).status).toBe(204);
    expect((await admin('GET', '/todos')).body).toEqual([]);
  });

  it('answers 404 for unknown ids and routes, 400 for bad input, 405 for wrong methods', async () => {
    expect((await admin('PATCH', '/todos/999', {})).status).toBe(404);
    expect((await admin('DELETE', '/todos/999')).status).toBe(404);
    expect((await admin('POST', '/todos/999/handle')).status).toBe(404);
    expect((await admin('POST', '/todos', { followupsiTuation: 'no title' })).status).toBe(400);
    expect((await admin('POST', '/faults', { kind: 'meteor' })).status).toBe(400);
    expect((await admin('POST', '/paging', { cap: -1 })).status).toBe(400);
    expect((await admin('GET', '/nope')).status).toBe(404);
    expect((await admin('PUT', '/todos')).status).toBe(405);
    const res = await fetch(`${h.sim.url}/_admin/todos`, { method: 'POST', body: '{oops' });
    expect(res.status).toBe(400);
  });

  it('injects and clears faults; `times: null` means until cleared', async () => {
    expect((await admin('POST', '/faults', { kind: 'status', status: 503, times: null, path: COUNT })).status).toBe(204);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(h.sim.url + COUNT, { method: 'POST', headers: { Authorization: `Bearer ${await h.token()}` } });
      expect(res.status).toBe(503);
    }
    expect((await admin('DELETE', '/faults')).status).toBe(204);
    expect((await h.v2(COUNT, {})).errmsg).toBe(20000);
  });

  it('expires tokens', async () => {
    expect((await h.v2(COUNT, {})).errmsg).toBe(20000);
    expect((await admin('POST', '/expire-tokens')).status).toBe(204);
    expect((await h.v2(COUNT, {})).errmsg).toBe(10003);
  });

  it('sets paging', async () => {
    for (let i = 0; i < 5; i++) h.sim.admin.addTodo({ remindTitle: `t${i}` });
    expect((await admin('POST', '/paging', { cap: 2, ignorePageIndex: true })).status).toBe(204);
    const page2 = await h.v2<WireTodo[]>(LIST, { pageIndex: 2, pageSize: 10 });
    expect(page2.values.map((t) => t.id)).toEqual([1, 2]);
  });

  it('resets to demo data with a seed', async () => {
    expect((await admin('POST', '/reset', { demoData: true, seed: 9 })).status).toBe(204);
    expect(h.sim.admin.todos().length).toBeGreaterThan(40);
    expect((await admin('POST', '/reset', { seed: 'x' })).status).toBe(400);
  });

  it.each([
    ['another site', 'http://evil.example'],
    ['another local port', 'http://127.0.0.1:1'],
    ['its own origin (a page it never serves)', 'SELF'],
  ])('refuses a request from a web page of %s, before changing anything, with no CORS headers', async (_w, origin) => {
    const before = h.sim.admin.todos().length;
    const headers = { origin: origin === 'SELF' ? h.sim.url : origin, 'content-type': 'text/plain' };
    const post = await fetch(`${h.sim.url}/_admin/todos`, { method: 'POST', headers, body: JSON.stringify({ remindTitle: 'x' }) });
    expect(post.status).toBe(403);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${h.sim.url}/_admin/todos`, { method: 'OPTIONS', headers });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(h.sim.admin.todos().length).toBe(before);
  });

  it('serves the admin API under a secret path only, when given one', async () => {
    const sim = await startSimulator({ adminPath: '/_admin-s3cr3t' });
    try {
      expect((await fetch(`${sim.url}/_admin/todos`)).status).not.toBe(200);
      expect(sim.adminUrl).toBe(`${sim.url}/_admin-s3cr3t`);
      expect((await fetch(`${sim.adminUrl}/todos`)).status).toBe(200);
    } finally {
      await sim.close();
    }
    const closed = await startSimulator({ adminPath: null });
    try {
      expect(closed.adminUrl).toBeNull();
      expect((await fetch(`${closed.url}/_admin/todos`)).status).not.toBe(200);
    } finally {
      await closed.close();
    }
  });

  it('serves the request log without admin calls in it', async () => {
    await h.v2(COUNT, {});
    const log = (await admin('GET', '/requests')).body as Array<{ path: string }>;
    expect(log.map((e) => e.path)).toEqual(['/connect/token', COUNT]);
  });
});
