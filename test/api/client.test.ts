import { describe, expect, it } from 'vitest';
import { createYoumiClient } from '../../electron/main/api/client';
import {
  BadResponseError,
  BusinessError,
  ConfigError,
  InvalidRequestError,
} from '../../electron/main/api/errors';
import { DEFAULT_TOKEN_URL, type NewTodo, type YoumiConfig } from '../../electron/main/api/types';
import { COUNT, LIST, clientFor, envelope, hits, rejection, sendJson, startStub, stubConfig, testClient, useSimulator } from './harness';

const FULL: YoumiConfig = { baseUrl: 'http://127.0.0.1:1', tokenUrl: '', clientId: 'id', clientSecret: 'secret-xyz' };

function configError(config: Partial<YoumiConfig>): ConfigError {
  try {
    createYoumiClient(config);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('config is checked up front', () => {
  it.each([
    [{ baseUrl: '' }, 'base URL is not set', 'baseUrl'],
    [{ baseUrl: '   ' }, 'base URL is not set', 'baseUrl'],
    [{ baseUrl: 'youmi.example' }, 'base URL is not a valid URL', 'baseUrl'],
    [{ baseUrl: 'ftp://youmi.example' }, 'base URL must start with http:// or https://', 'baseUrl'],
    [{ tokenUrl: 'sso' }, 'token URL is not a valid URL', 'tokenUrl'],
    [{ clientId: '' }, 'client id is not set', 'clientId'],
    [{ clientSecret: ' ' }, 'client secret is not set', 'clientSecret'],
    [{ tenantId: 't-1\r\nX-Evil: 1' }, 'tenant id may only contain visible ASCII characters', 'tenantId'],
    [{ pageSize: 0 }, 'page size must be a whole number from 1 to 1000', 'tuning'],
  ])('%j → %s', (over, message, setting) => {
    const e = configError({ ...FULL, ...over });
    expect(e.message).toBe(message);
    expect(e.setting).toBe(setting);
  });

  it('names the first missing setting of an empty config', () => {
    expect(configError({}).message).toBe('base URL is not set');
  });

  it('defaults the token URL to the documented SSO endpoint', () => {
    expect(DEFAULT_TOKEN_URL).toBe('https://sso.yunshouzhi.net/connect/token');
    expect(() => createYoumiClient({ ...FULL, tokenUrl: '' }).close()).not.toThrow();
  });

  it('refuses an empty staff code before any request', async () => {
    const stub = await startStub((_req, res) => sendJson(res, envelope([])));
    const { client } = testClient(stubConfig(stub));
    const e = await rejection(client.listMyOpenTodos('  '));
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe('staff code is not set');
    expect(stub.requests).toHaveLength(0);
  });
});

describe('endpoints against the simulator', () => {
  const sim = useSimulator();

  it('counts like the server does', async () => {
    const { client } = clientFor(sim());
    const open = sim().admin.todos().filter((t) => t.sate === 0).length;
    await expect(client.countTodos({ usersate: 0 })).resolves.toBe(open);
    await expect(client.countTodos({})).resolves.toBe(sim().admin.todos().length);
    expect(hits(sim(), COUNT)[0]?.body).toEqual({ usersate: 0 });
  });

  it('lists active staff, or everyone with includeInactive, from GetStaffList {departId:-1, departGroupId:-1}', async () => {
    const { client } = clientFor(sim());
    const active = await client.listStaff();
    expect(active.find((s) => s.code === 'b08')).toEqual({ code: 'b08', name: '张三', depart: '客服部' });
    expect(active.some((s) => s.code === 'b20')).toBe(false);
    const all = await client.listStaff({ includeInactive: true });
    expect(all.map((s) => s.code).sort()).toEqual(sim().staff.map((s) => s.code).sort());
    expect(hits(sim(), '/v2/System/GetStaffList').map((e) => e.body)).toEqual([
      { departId: -1, departGroupId: -1, staffState: 0 },
      { departId: -1, departGroupId: -1, staffState: 1 },
    ]);
  });

  it('lists departments with GET', async () => {
    const { client } = clientFor(sim());
    await expect(client.listDepartments()).resolves.toEqual([
      { id: 1, name: '客服部' },
      { id: 2, name: '运营部' },
      { id: 3, name: '管理部' },
    ]);
    expect(hits(sim(), '/v2/System/GetDepartList')[0]?.method).toBe('GET');
  });

  it('gets one todo in any state by id, or null', async () => {
    const { client } = clientFor(sim());
    const target = sim().admin.todos()[3];
    if (!target) throw new Error('no demo todo');
    sim().admin.handle(target.id);
    const found = await client.getTodo(target.id);
    expect(found).toMatchObject({ id: target.id, state: 'handled', title: target.remindTitle });
    expect(hits(sim(), LIST)[0]?.body).toMatchObject({ chargeDaffairesId: target.id, usersate: -1 });
    sim().admin.remove(target.id);
    await expect(client.getTodo(target.id)).resolves.toBeNull();
    expect(await rejection(client.getTodo(0))).toBeInstanceOf(InvalidRequestError);
  });

  it('creates a todo with AddRecordNew in PascalCase, RemindTime in China time, and returns its id', async () => {
    const { client } = clientFor(sim());
    const remindAt = new Date(Date.now() + 2 * 3600_000);
    remindAt.setUTCMilliseconds(0);
    const input: NewTodo = {
      customer: ' wxid_8k2m4n6p0q1r3s ',
      accountKind: 3,
      accountId: 5120,
      title: '回访客户',
      content: '确认收货情况',
      remindAt: remindAt.toISOString(),
      isAlways: true,
      recipients: ['b08', ' b11 '],
      creator: 'b03',
      levelColor: '#F00',
      levelName: '紧急',
      eventType: 100,
    };
    const id = await client.addTodo(input);
    const [req] = hits(sim(), '/v2/Todo/AddRecordNew');
    const china = new Date(remindAt.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(req?.body).toEqual({
      Weixin: 'wxid_8k2m4n6p0q1r3s',
      From: 3,
      SffId: 'b03',
      RemindTitle: '回访客户',
      FollowupsiTuation: '确认收货情况',
      RemindTime: china,
      IsAlways: 1,
      Recipient: ['b08', 'b11'],
      AdWecharId: 5120,
      LevelColor: '#ff0000',
      LevelName: '紧急',
      EventType: 100,
    });
    const created = await client.getTodo(id);
    expect(created).toMatchObject({ id, title: '回访客户', remindAt: remindAt.toISOString(), isAlways: true, recipients: ['b08', 'b11'], level: { color: '#ff0000' } });
  });

  it('refuses a new todo the server would refuse, without sending it', async () => {
    const { client } = clientFor(sim());
    const base: NewTodo = { customer: 'wxid_a', accountKind: 0, accountId: 3430, title: 't', content: 'c', remindAt: new Date(Date.now() + 60_000).toISOString() };
    for (const bad of [
      { remindAt: new Date(Date.now() - 3600_000).toISOString() },
      { remindAt: 'soon' },
      { title: ' ' },
      { customer: '' },
      { accountId: 0 },
      { levelColor: 'red' },
    ]) {
      expect(await rejection(client.addTodo({ ...base, ...bad }))).toBeInstanceOf(InvalidRequestError);
    }
    expect(hits(sim(), '/v2/Todo/AddRecordNew')).toHaveLength(0);
  });

  it('sends TenantId when set, and reports an unknown tenant as business error 200012', async () => {
    const good = clientFor(sim(), { tenantId: sim().tenants[0] ?? '' });
    await good.client.countTodos({});
    expect(hits(sim(), COUNT)[0]?.headers.tenantId).toBe(sim().tenants[0]);
    const bad = clientFor(sim(), { tenantId: 't-nope' });
    const e = await rejection(bad.client.countTodos({}));
    expect(e).toBeInstanceOf(BusinessError);
    expect((e as BusinessError).code).toBe(200012);
  });

  it('sends no TenantId for a merchant', async () => {
    const { client } = clientFor(sim());
    await client.countTodos({});
    expect(hits(sim(), COUNT)[0]?.headers.tenantId).toBeUndefined();
    expect(hits(sim(), COUNT)[0]?.headers.contentType).toMatch(/^application\/json/);
  });

  it('reports an unknown staff code as business error 200010', async () => {
    const { client } = clientFor(sim());
    const e = await rejection(client.listMyOpenTodos('b99'));
    expect(e).toBeInstanceOf(BusinessError);
    expect(e.message).toBe('business error 200010 员工号不存在 (staff code does not exist)');
  });
});

describe('tolerant readers', () => {
  it.each([
    [12, 12],
    ['12', 12],
    [{ count: 12 }, 12],
    [{ Count: '12' }, 12],
    [{ total: 12 }, 12],
  ])('reads the count from %j', async (values, expected) => {
    const stub = await startStub((_req, res) => sendJson(res, envelope(values)));
    const { client } = testClient(stubConfig(stub));
    await expect(client.countTodos({})).resolves.toBe(expected);
  });

  it.each([[null], ['many'], [-1], [[1]]])('refuses %j as a count', async (values) => {
    const stub = await startStub((_req, res) => sendJson(res, envelope(values)));
    const { client } = testClient(stubConfig(stub));
    expect(await rejection(client.countTodos({}))).toBeInstanceOf(BadResponseError);
  });

  it('reads staff under any of the known field names, skipping items without a code', async () => {
    const stub = await startStub((_req, res) =>
      sendJson(
        res,
        envelope([
          { ad_staff_code: 'b01', ad_staff_name: '甲', ad_departname: '客服部' },
          { staffCode: 'b02', staffName: '乙', departName: '运营部' },
          { staff_code: 'b03', staff_name: '丙' },
          { code: 'b04', name: '丁', departname: '管理部' },
          { name: '无工号' },
          'junk',
        ]),
      ),
    );
    const { client, rec } = testClient(stubConfig(stub));
    await expect(client.listStaff()).resolves.toEqual([
      { code: 'b01', name: '甲', depart: '客服部' },
      { code: 'b02', name: '乙', depart: '运营部' },
      { code: 'b03', name: '丙', depart: null },
      { code: 'b04', name: '丁', depart: '管理部' },
    ]);
    expect(rec.logs.filter((l) => l.startsWith('skipped staff item'))).toHaveLength(2);
  });

  it('reads the new id of AddRecordNew as a number, a string or {id}, and says so when it is missing', async () => {
    let values: unknown = '4321';
    const stub = await startStub((_req, res) => sendJson(res, envelope(values)));
    const { client } = testClient(stubConfig(stub));
    const todo: NewTodo = { customer: 'w', accountKind: 0, accountId: 1, title: 't', content: '', remindAt: new Date(Date.now() + 60_000).toISOString() };
    await expect(client.addTodo(todo)).resolves.toBe(4321);
    values = { id: 99 };
    await expect(client.addTodo(todo)).resolves.toBe(99);
    values = true;
    const e = await rejection(client.addTodo(todo));
    expect(e).toBeInstanceOf(BadResponseError);
    expect(e.message).toMatch(/created but the response carries no id/);
  });

  it('reads an envelope sent with a non-200 status as the business error it is', async () => {
    const stub = await startStub((_req, res) =>
      sendJson(res, { requestId: null, errmsg: 200012, succeed: false, msgTime: '', values: null, errdesc: '用户传参错误' }, 400),
    );
    const { client } = testClient(stubConfig(stub));
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(BusinessError);
    expect((e as BusinessError).code).toBe(200012);
  });

  it('refuses a 200 that is not an envelope', async () => {
    const stub = await startStub((_req, res) => sendJson(res, { data: [] }));
    const { client } = testClient(stubConfig(stub));
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(BadResponseError);
    expect(e.message).toBe('POST /v2/Todo/GetChargeDaffairesCount: the response is not a Youmi envelope');
  });
});
