import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  BadResponseError,
  BusinessError,
  NetworkError,
  ServerError,
  TimeoutError,
} from '../../electron/main/api/errors';
import type { NewTodo } from '../../electron/main/api/types';
import { COUNT, LIST, clientFor, closedPort, envelope, hits, rejection, sendJson, startStub, stubConfig, testClient, track, useSimulator } from './harness';

const ADD = '/v2/Todo/AddRecordNew';

const statuses = (sim: Parameters<typeof hits>[0], path = COUNT) => hits(sim, path).map((e) => e.status);

describe('faults: retries and what is not retried', () => {
  const sim = useSimulator();

  it('retries 5xx with exponential backoff and full jitter, then succeeds', async () => {
    const { client, rec } = clientFor(sim(), { retryBaseMs: 500, random: () => 0.5 });
    sim().admin.injectFault({ kind: 'status', status: 503, path: COUNT, times: 3 });
    await expect(client.countTodos({})).resolves.toBeGreaterThan(0);
    expect(statuses(sim())).toEqual([503, 503, 503, 200]);
    // half of 500·2^n for n = 0, 1, 2
    expect(rec.sleeps).toEqual([250, 500, 1000]);
    expect(rec.logs.filter((l) => /HTTP 503; retry \d\/3/.test(l))).toHaveLength(3);
  });

  it('gives up after maxRetries with a ServerError carrying the status', async () => {
    const { client, rec } = clientFor(sim(), { maxRetries: 2 });
    sim().admin.injectFault({ kind: 'status', status: 500, path: COUNT, times: Infinity });
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(ServerError);
    expect((e as ServerError).code).toBe(500);
    expect(e.message).toBe('POST /v2/Todo/GetChargeDaffairesCount: the server answered HTTP 500');
    expect(statuses(sim())).toEqual([500, 500, 500]);
    expect(rec.sleeps).toHaveLength(2);
  });

  it('honours Retry-After on 429 instead of its own backoff', async () => {
    const { client, rec } = clientFor(sim());
    sim().admin.injectFault({ kind: 'status', status: 429, retryAfterSec: 7, path: COUNT });
    await client.countTodos({});
    expect(rec.sleeps).toEqual([7000]);
    expect(statuses(sim())).toEqual([429, 200]);
  });

  it('fails at once when Retry-After asks for longer than it is willing to wait', async () => {
    const { client, rec } = clientFor(sim(), { maxRetryAfterMs: 60_000 });
    sim().admin.injectFault({ kind: 'status', status: 429, retryAfterSec: 3600, path: COUNT });
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(ServerError);
    expect(e.message).toMatch(/HTTP 429 \(retry after 3600 s\)/);
    expect(rec.sleeps).toEqual([]);
    expect(statuses(sim())).toEqual([429]);
  });

  it.each([400, 404, 409])('does not retry HTTP %i', async (status) => {
    const { client, rec } = clientFor(sim());
    sim().admin.injectFault({ kind: 'status', status, path: COUNT });
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(ServerError);
    expect((e as ServerError).code).toBe(status);
    expect(statuses(sim())).toEqual([status]);
    expect(rec.sleeps).toEqual([]);
  });

  it('does not retry a business error, and gives its meaning in both languages', async () => {
    const { client } = clientFor(sim());
    sim().admin.injectFault({ kind: 'business', errmsg: 200011, path: COUNT });
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(BusinessError);
    expect(e).toMatchObject({ code: 200011, meaningZh: '服务器错误', meaningEn: 'server error' });
    expect(statuses(sim())).toEqual([200]);
  });

  it('does not retry malformed JSON: BadResponseError', async () => {
    const { client } = clientFor(sim());
    sim().admin.injectFault({ kind: 'malformed-json', path: LIST });
    const e = await rejection(client.listTodos({}));
    expect(e).toBeInstanceOf(BadResponseError);
    expect(e.message).toMatch(/not valid JSON/);
    expect(hits(sim(), LIST)).toHaveLength(1);
  });

  it('retries a reset connection, and reports a NetworkError when it keeps happening', async () => {
    const { client, rec } = clientFor(sim());
    sim().admin.injectFault({ kind: 'reset', path: COUNT });
    await expect(client.countTodos({})).resolves.toBeGreaterThan(0);
    expect(rec.sleeps).toHaveLength(1);

    sim().admin.injectFault({ kind: 'reset', path: COUNT, times: Infinity });
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.message).toMatch(/connection|socket|reset/i);
    expect(rec.sleeps).toHaveLength(4);
  });

  it('enforces the response size cap while streaming (no Content-Length to trust)', async () => {
    const { client } = clientFor(sim(), { maxResponseBytes: 256 * 1024 });
    sim().admin.injectFault({ kind: 'huge', bytes: 8 * 1024 * 1024, path: LIST });
    const e = await rejection(client.listTodos({}));
    expect(e).toBeInstanceOf(BadResponseError);
    expect(e.message).toMatch(/larger than 262144 bytes/);
    expect(hits(sim(), LIST)).toHaveLength(1);
  });

  it('reads a large response that is under the cap', async () => {
    const { client } = clientFor(sim(), { maxResponseBytes: 256 * 1024 });
    sim().admin.injectFault({ kind: 'huge', bytes: 200 * 1024, path: COUNT });
    // The huge body is a valid envelope whose values is [], which is not a count.
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(BadResponseError);
    expect(e.message).toMatch(/values is not a count/);
  });

  it('times out a slow answer (TimeoutError) and retries it', async () => {
    const { client, rec } = clientFor(sim(), { headersTimeoutMs: 100, maxRetries: 1 });
    sim().admin.injectFault({ kind: 'latency', ms: 2000, path: COUNT, times: Infinity });
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(TimeoutError);
    expect(e.message).toBe('POST /v2/Todo/GetChargeDaffairesCount: no response from ' + new URL(sim().url).host + ' within 100 ms');
    expect(rec.sleeps).toHaveLength(1);
    sim().admin.clearFaults();

    sim().admin.injectFault({ kind: 'latency', ms: 2000, path: COUNT });
    await expect(client.countTodos({})).resolves.toBeGreaterThan(0);
  });

  it('waits for a slow answer within the timeout', async () => {
    const { client } = clientFor(sim(), { headersTimeoutMs: 2000 });
    sim().admin.injectFault({ kind: 'latency', ms: 150, path: COUNT });
    await expect(client.countTodos({})).resolves.toBeGreaterThan(0);
  });

  it('reports a closed port as a NetworkError after retries', async () => {
    const port = await closedPort();
    const { client, rec } = clientFor(sim(), { baseUrl: `http://127.0.0.1:${port}` });
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(NetworkError);
    expect(e.message).toBe(`POST /v2/Todo/GetChargeDaffairesCount: cannot reach 127.0.0.1:${port}: connection refused (ECONNREFUSED)`);
    expect(rec.sleeps).toHaveLength(3);
  });
});

describe('faults: creating a todo is not repeated blindly', () => {
  const sim = useSimulator();
  const newTodo = (): NewTodo => ({
    customer: 'wxid_8k2m4n6p0q1r3s',
    accountKind: 0,
    accountId: 3430,
    title: '回访客户',
    content: '确认收货',
    remindAt: new Date(Date.now() + 3600_000).toISOString(),
    recipients: ['b08'],
  });

  it('does not retry AddRecordNew after a 503 (the record may exist)', async () => {
    const { client, rec } = clientFor(sim());
    sim().admin.injectFault({ kind: 'status', status: 503, path: ADD });
    expect(await rejection(client.addTodo(newTodo()))).toBeInstanceOf(ServerError);
    expect(hits(sim(), ADD)).toHaveLength(1);
    expect(rec.sleeps).toEqual([]);
  });

  it('does not retry AddRecordNew after a reset', async () => {
    const { client } = clientFor(sim());
    sim().admin.injectFault({ kind: 'reset', path: ADD });
    expect(await rejection(client.addTodo(newTodo()))).toBeInstanceOf(NetworkError);
    expect(hits(sim(), ADD)).toHaveLength(1);
  });

  it('retries AddRecordNew after 429 (the server did not take it), creating exactly one todo', async () => {
    const { client } = clientFor(sim());
    const before = sim().admin.todos().length;
    sim().admin.injectFault({ kind: 'status', status: 429, retryAfterSec: 1, path: ADD });
    const id = await client.addTodo(newTodo());
    expect(hits(sim(), ADD).map((e) => e.status)).toEqual([429, 200]);
    expect(sim().admin.todos()).toHaveLength(before + 1);
    expect(sim().admin.todos().some((t) => t.id === id)).toBe(true);
  });
});

describe('a server that does not speak HTTP', () => {
  it('is a BadResponseError, not retried', async () => {
    let connections = 0;
    const server = createNetServer((socket) => {
      connections++;
      socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    track({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { client, rec } = testClient({ baseUrl: url, tokenUrl: `${url}/connect/token`, clientId: 'c', clientSecret: 'secret-123' });
    const e = await rejection(client.countTodos({}));
    expect(e).toBeInstanceOf(BadResponseError);
    expect(e.message).toBe('POST /connect/token: the server did not answer in HTTP');
    expect(connections).toBe(1);
    expect(rec.sleeps).toEqual([]);
  });
});

describe('Retry-After as an HTTP date', () => {
  it('waits until the date, measured on the injected clock', async () => {
    const now = Date.parse('2026-11-25T04:00:00Z');
    let calls = 0;
    const stub = await startStub((_req, res) => {
      calls++;
      if (calls === 1) return sendJson(res, {}, 503, { 'retry-after': 'Wed, 25 Nov 2026 04:00:12 GMT' });
      sendJson(res, envelope(3));
    });
    const { client, rec } = testClient(stubConfig(stub, { now: () => now }));
    await expect(client.countTodos({})).resolves.toBe(3);
    expect(rec.sleeps).toEqual([12_000]);
  });
});
