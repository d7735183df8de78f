import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COUNT, harness, type Harness } from './helpers';

describe('System endpoints', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ demoData: false });
  });
  afterEach(() => h.close());

  const get = async (path: string) => {
    const res = await h.raw(path, { headers: { Authorization: `Bearer ${await h.token()}` } });
    return { status: res.status, body: (await res.json()) as { succeed: boolean; errmsg: number; values: unknown } };
  };

  it('GetDepartList is a GET returning {departid, departname}', async () => {
    const { status, body } = await get('/v2/System/GetDepartList');
    expect(status).toBe(200);
    expect(body.succeed).toBe(true);
    expect(body.values).toEqual([
      { departid: 1, departname: '客服部' },
      { departid: 2, departname: '运营部' },
      { departid: 3, departname: '管理部' },
    ]);
    const post = await h.raw('/v2/System/GetDepartList', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('GetDepartGroupList filters by departId, -1 = all', async () => {
    const all = await h.v2<Array<{ departgroupid: number; departgroupname: string; departid: number }>>('/v2/System/GetDepartGroupList', { departId: -1 });
    expect(all.values.length).toBe(4);
    const cs = await h.v2<Array<{ departid: number }>>('/v2/System/GetDepartGroupList', { departId: 1 });
    expect(cs.values).toEqual([
      { departgroupid: 11, departgroupname: '售前组', departid: 1 },
      { departgroupid: 12, departgroupname: '售后组', departid: 1 },
    ]);
    expect((await h.v2('/v2/System/GetDepartGroupList', {})).errmsg).toBe(200012);
  });

  it('GetStaffList: staffState 0 = active only, 1 = all; filters by department and group', async () => {
    type Staff = { ad_staff_code: string; ad_staff_name: string; ad_departid: number; ad_departgroupid: number; ad_staff_state: number };
    const active = await h.v2<Staff[]>('/v2/System/GetStaffList', { departId: -1, departGroupId: -1, staffState: 0 });
    const all = await h.v2<Staff[]>('/v2/System/GetStaffList', { departId: -1, departGroupId: -1, staffState: 1 });
    expect(active.values.map((s) => s.ad_staff_code)).toEqual(h.sim.staff.filter((s) => s.active).map((s) => s.code));
    expect(all.values.map((s) => s.ad_staff_code)).toEqual(h.sim.staff.map((s) => s.code));
    expect(all.values.find((s) => s.ad_staff_code === 'b08')).toEqual({
      ad_staff_code: 'b08',
      ad_staff_name: '张三',
      ad_departid: 1,
      ad_departname: '客服部',
      ad_departgroupid: 11,
      ad_staff_state: 0,
    });
    const group = await h.v2<Staff[]>('/v2/System/GetStaffList', { departId: 1, departGroupId: 12, staffState: 1 });
    expect(group.values.map((s) => s.ad_staff_code)).toEqual(['b15', 'b20']);
    expect((await h.v2('/v2/System/GetStaffList', { departId: -1, departGroupId: -1 })).errmsg).toBe(200012);
    expect((await h.v2('/v2/System/GetStaffList', { departId: -1, departGroupId: -1, staffState: 5 })).errmsg).toBe(200012);
  });

  it('the Simulator object lists the demo world', () => {
    expect(h.sim.demoStaff).toBe('b08');
    expect(h.sim.staff.find((s) => s.code === 'b08')).toEqual({ code: 'b08', name: '张三', departId: 1, departName: '客服部', active: true });
    expect(h.sim.tokenUrl).toBe(`${h.sim.url}/connect/token`);
    expect(h.sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe('TenantId and routing', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ demoData: false });
  });
  afterEach(() => h.close());

  it('accepts a known TenantId, no TenantId, or an empty one; refuses an unknown one with 200012', async () => {
    expect((await h.v2(COUNT, {}, { TenantId: h.sim.tenants[0] as string })).errmsg).toBe(20000);
    expect((await h.v2(COUNT, {})).errmsg).toBe(20000);
    expect((await h.v2(COUNT, {}, { TenantId: '' })).errmsg).toBe(20000);
    const bad = await h.v2(COUNT, {}, { TenantId: 't-9999' });
    expect(bad).toMatchObject({ succeed: false, errmsg: 200012, values: null });
    expect(h.sim.admin.requestLog().at(-1)?.headers.tenantId).toBe('t-9999');
  });

  it('checks the token before the TenantId', async () => {
    const res = await h.raw(COUNT, {
      method: 'POST',
      headers: { Authorization: 'Bearer nope', TenantId: 't-9999', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(((await res.json()) as { errmsg: number }).errmsg).toBe(10003);
  });

  it('answers unknown paths with 404 text and wrong methods with 405', async () => {
    const missing = await h.raw('/v2/Todo/Nope', { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^text\/plain/);
    const wrong = await h.raw('/v2/Todo/GetChargeDaffairesList');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
  });

  it('matches paths case-insensitively, like ASP.NET Core', async () => {
    expect((await h.v2('/v2/todo/getchargedaffairescount', {})).errmsg).toBe(20000);
  });

  it('logs what arrived, oldest first', async () => {
    await h.v2(COUNT, { usersate: 0 });
    const log = h.sim.admin.requestLog();
    expect(log.map((e) => [e.method, e.path, e.status])).toEqual([
      ['POST', '/connect/token', 200],
      ['POST', COUNT, 200],
    ]);
    expect(log[1]).toMatchObject({ body: { usersate: 0 }, at: h.clock.now(), headers: { contentType: 'application/json' } });
  });
});
