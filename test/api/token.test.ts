import { describe, expect, it } from 'vitest';
import { AuthError, ServerError } from '../../electron/main/api/errors';
import { LIST, TOKEN, clientFor, hits, rejection, useSimulator } from './harness';

describe('token: caching and shared renewal', () => {
  const sim = useSimulator();

  it('makes one token request for many concurrent first calls', async () => {
    const { client } = clientFor(sim());
    const counts = await Promise.all(Array.from({ length: 20 }, () => client.countTodos({ usersate: 0 })));
    expect(new Set(counts).size).toBe(1);
    expect(hits(sim(), TOKEN)).toHaveLength(1);
    expect(hits(sim(), '/v2/Todo/GetChargeDaffairesCount')).toHaveLength(20);
  });

  it('sends the client-credentials form with the documented scope', async () => {
    const { client } = clientFor(sim());
    await client.countTodos({});
    const [req] = hits(sim(), TOKEN);
    expect(req?.headers.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(req?.body).toEqual({
      client_id: sim().credentials.clientId,
      client_secret: '[redacted]',
      scope: 'Ls.Qkl.PublicApi',
      grant_type: 'client_credentials',
    });
    expect(hits(sim(), '/v2/Todo/GetChargeDaffairesCount')[0]?.headers.authorization).toBe('Bearer [redacted]');
  });

  it('renews an HTTP 401 once and retries the call once', async () => {
    const { client, rec } = clientFor(sim());
    await client.countTodos({});
    sim().admin.injectFault({ kind: 'unauthorized', path: LIST });
    const result = await client.listMyOpenTodos('b08');
    expect(result.todos.length).toBeGreaterThan(0);
    expect(hits(sim(), LIST).map((e) => e.status)).toEqual([401, 200]);
    expect(hits(sim(), TOKEN)).toHaveLength(2);
    expect(rec.logs.join('\n')).toMatch(/token rejected; renewing it and retrying once/);
  });

  it('renews on errmsg 10003 (expired token) once and retries once', async () => {
    const { client } = clientFor(sim());
    await client.countTodos({});
    sim().admin.expireTokens();
    await expect(client.countTodos({})).resolves.toBeGreaterThan(0);
    expect(hits(sim(), TOKEN)).toHaveLength(2);
    expect(hits(sim(), '/v2/Todo/GetChargeDaffairesCount')).toHaveLength(3);
  });

  it('renews on errmsg 10011 too', async () => {
    const { client } = clientFor(sim());
    sim().admin.injectFault({ kind: 'business', errmsg: 10011, path: LIST });
    await client.listTodos({ usersate: 0 });
    expect(hits(sim(), TOKEN)).toHaveLength(2);
  });

  it('shares one renewal between concurrent calls that all hit an expired token', async () => {
    const { client } = clientFor(sim());
    await client.countTodos({});
    sim().admin.expireTokens();
    const counts = await Promise.all(Array.from({ length: 10 }, () => client.countTodos({})));
    expect(new Set(counts).size).toBe(1);
    expect(hits(sim(), TOKEN)).toHaveLength(2);
  });

  it('gives an AuthError when the API still rejects the token after one renewal (10003)', async () => {
    const { client } = clientFor(sim());
    sim().admin.injectFault({ kind: 'business', errmsg: 10003, path: LIST, times: Infinity });
    const e = await rejection(client.listTodos({}));
    expect(e).toBeInstanceOf(AuthError);
    expect((e as AuthError).code).toBe(10003);
    expect(e.message).toMatch(/10003 令牌失效.*again after renewing/);
    expect(hits(sim(), LIST)).toHaveLength(2);
    expect(hits(sim(), TOKEN)).toHaveLength(2);
  });

  it('gives an AuthError when HTTP 401 persists after one renewal', async () => {
    const { client } = clientFor(sim());
    sim().admin.injectFault({ kind: 'unauthorized', path: LIST, times: Infinity });
    const e = await rejection(client.listTodos({}));
    expect(e).toBeInstanceOf(AuthError);
    expect((e as AuthError).code).toBe(401);
    expect(hits(sim(), LIST)).toHaveLength(2);
  });

  it('reports a wrong secret as invalid_client, without retrying', async () => {
    const { client } = clientFor(sim(), { clientSecret: 'not-the-secret' });
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(AuthError);
    expect(e.message).toBe('client id or secret rejected (invalid_client)');
    expect((e as AuthError).credentialsRejected).toBe(true);
    expect(hits(sim(), TOKEN)).toHaveLength(1);
    expect(hits(sim(), '/v2/Todo/GetChargeDaffairesCount')).toHaveLength(0);
  });

  it('retries a token endpoint that answers 503, then uses the token', async () => {
    const { client, rec } = clientFor(sim());
    sim().admin.injectFault({ kind: 'status', status: 503, path: TOKEN, times: 2 });
    await expect(client.countTodos({})).resolves.toBeGreaterThan(0);
    expect(hits(sim(), TOKEN).map((e) => e.status)).toEqual([503, 503, 200]);
    expect(rec.sleeps).toHaveLength(2);
  });

  it('names a token URL that answers 404', async () => {
    const { client } = clientFor(sim(), { tokenUrl: `${sim().url}/wrong/token` });
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(ServerError);
    expect(e.message).toMatch(/token endpoint answered HTTP 404; check the token URL/);
  });
});

describe('token: renewal before expiry on an injected clock', () => {
  let clock = Date.parse('2026-11-25T02:00:00Z');
  const now = () => clock;
  const sim = useSimulator({ now, tokenTtlSec: 600 });

  it('reuses the token until 60 s before expires_in runs out, then renews before the server would refuse it', async () => {
    const { client, rec } = clientFor(sim(), { now });
    await client.countTodos({});
    expect(hits(sim(), TOKEN)).toHaveLength(1);
    expect(rec.logs).toContain('access token obtained (expires in 600 s)');

    clock += 539_000; // 61 s left
    await client.countTodos({});
    expect(hits(sim(), TOKEN)).toHaveLength(1);

    clock += 2_000; // 59 s left: inside the margin
    await Promise.all([client.countTodos({}), client.countTodos({}), client.listTodos({ usersate: 0 })]);
    expect(hits(sim(), TOKEN)).toHaveLength(2);

    clock += 120_000; // the first token is dead on the server now; the renewed one is not
    await client.countTodos({});
    expect(hits(sim(), TOKEN)).toHaveLength(2);
    // No call ever met a rejected token: renewal happened ahead of expiry, not after a 10003.
    expect(rec.logs.join('\n')).not.toMatch(/rejected/);
  });

  it('reports the remaining lifetime from checkToken', async () => {
    const { client } = clientFor(sim(), { now });
    await expect(client.checkToken()).resolves.toEqual({ expiresInSec: 600 });
    clock += 100_000;
    await expect(client.checkToken()).resolves.toEqual({ expiresInSec: 500 });
  });
});
