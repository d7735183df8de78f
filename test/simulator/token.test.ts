import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grant, harness, LIST, type Harness } from './helpers';

const page = { pageIndex: 1, pageSize: 5 };

describe('POST /connect/token', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ tokenTtlSec: 600 });
  });
  afterEach(() => h.close());

  it('grants a bearer token for the demo client', async () => {
    const res = await grant(h.sim);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 600, scope: 'Ls.Qkl.PublicApi' });
    expect((body['access_token'] as string).length).toBeGreaterThan(20);
    const second = (await (await grant(h.sim)).json()) as Record<string, unknown>;
    expect(second['access_token']).not.toBe(body['access_token']);
  });

  it('accepts the client credentials in an HTTP Basic header too', async () => {
    const basic = Buffer.from(`${h.sim.credentials.clientId}:${h.sim.credentials.clientSecret}`).toString('base64');
    const res = await fetch(h.sim.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${basic}` },
      body: 'scope=Ls.Qkl.PublicApi&grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
  });

  it.each([
    [{ client_secret: 'wrong' }, 'invalid_client'],
    [{ client_id: 'someone-else' }, 'invalid_client'],
    [{ grant_type: 'password' }, 'unsupported_grant_type'],
    [{ scope: 'openid' }, 'invalid_scope'],
    [{ scope: '' }, 'invalid_scope'],
  ])('refuses %o with HTTP 400 %s', async (fields, error) => {
    const res = await grant(h.sim, fields);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error });
  });

  it('wants a form body and POST', async () => {
    const json = await fetch(h.sim.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: 'demo-client', client_secret: 'demo-secret' }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
    expect((await fetch(h.sim.tokenUrl)).status).toBe(405);
  });

  it('never logs the client secret', async () => {
    await grant(h.sim);
    await grant(h.sim, { client_secret: 'wrong' });
    const log = h.sim.admin.requestLog();
    expect(log.map((e) => e.status)).toEqual([200, 400]);
    expect(JSON.stringify(log)).not.toContain(h.sim.credentials.clientSecret);
    expect(JSON.stringify(log)).not.toContain('wrong');
    expect(log[0]?.body).toMatchObject({ client_id: 'demo-client', client_secret: '[redacted]' });
  });
});

describe('bearer tokens on v2 calls', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness({ tokenTtlSec: 600 });
  });
  afterEach(() => h.close());

  const call = (auth: string | null) =>
    fetch(h.sim.url + LIST, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(auth === null ? {} : { Authorization: auth }) },
      body: JSON.stringify(page),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

  it('answers a missing token with errmsg 200001', async () => {
    for (const auth of [null, 'Bearer', 'Bearer  ']) {
      const { status, body } = await call(auth);
      expect(status).toBe(200);
      expect(body).toMatchObject({ errmsg: 200001, succeed: false, values: null, errdesc: '没有填写TOKEN' });
    }
  });

  it('answers an unknown token with the documented 10003 envelope', async () => {
    const { status, body } = await call('Bearer not-a-token');
    expect(status).toBe(200);
    expect(body).toEqual({
      requestId: null,
      errmsg: 10003,
      succeed: false,
      msgTime: expect.stringMatching(/^2024-08-07T15:30:23\.\d{7}\+08:00$/),
      values: null,
      errdesc: '令牌失效',
    });
  });

  it('has the envelope shape of the seed page', async () => {
    const { body } = await call('Basic abc');
    expect(Object.keys(body)).toEqual(['requestId', 'errmsg', 'succeed', 'msgTime', 'values', 'errdesc']);
    expect(body['msgTime']).toMatch(/^2024-08-07T15:30:23\.056\d{4}\+08:00$/);
    expect(body['errmsg']).toBe(10003);
  });

  it('expires tokens by the virtual clock', async () => {
    const token = await h.token();
    expect((await call(`Bearer ${token}`)).body['errmsg']).toBe(20000);
    h.clock.advance(599_999);
    expect((await call(`Bearer ${token}`)).body['errmsg']).toBe(20000);
    h.clock.advance(1);
    expect((await call(`Bearer ${token}`)).body).toMatchObject({ errmsg: 10003, succeed: false, errdesc: '令牌失效' });
    const fresh = (await (await grant(h.sim)).json()) as { access_token: string };
    expect((await call(`Bearer ${fresh.access_token}`)).body['errmsg']).toBe(20000);
  });

  it('expireTokens() invalidates every issued token', async () => {
    const a = await h.token();
    const b = ((await (await grant(h.sim)).json()) as { access_token: string }).access_token;
    h.sim.admin.expireTokens();
    expect((await call(`Bearer ${a}`)).body['errmsg']).toBe(10003);
    expect((await call(`Bearer ${b}`)).body['errmsg']).toBe(10003);
  });

  it('redacts the token in the request log', async () => {
    const token = await h.token();
    await call(`Bearer ${token}`);
    const entry = h.sim.admin.requestLog().find((e) => e.path === LIST);
    expect(entry?.headers.authorization).toBe('Bearer [redacted]');
    expect(JSON.stringify(h.sim.admin.requestLog())).not.toContain(token);
  });
});
