import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COUNT, grant, harness, LIST, type Harness } from './helpers';

describe('injected faults', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
    await h.token(); // so token faults below do not hit the harness's own grant
  });
  afterEach(() => h.close());

  const count = async () => {
    const res = await fetch(h.sim.url + COUNT, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.token()}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const ok = (r: { status: number; text: string }) => r.status === 200 && (JSON.parse(r.text) as { succeed: boolean }).succeed;

  it('latency delays the answer, which is otherwise normal', async () => {
    h.sim.admin.injectFault({ kind: 'latency', ms: 300 });
    const started = performance.now();
    const r = await count();
    expect(performance.now() - started).toBeGreaterThanOrEqual(280);
    expect(ok(r)).toBe(true);
    const again = performance.now();
    await count();
    expect(performance.now() - again).toBeLessThan(250);
  });

  it.each([500, 502, 503])('status %i answers that HTTP status once', async (status) => {
    h.sim.admin.injectFault({ kind: 'status', status });
    const r = await count();
    expect(r.status).toBe(status);
    expect(ok(await count())).toBe(true);
  });

  it('status 429 carries Retry-After when asked', async () => {
    h.sim.admin.injectFault({ kind: 'status', status: 429, retryAfterSec: 7 });
    const r = await count();
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
  });

  it('malformed-json answers 200 with a truncated JSON body', async () => {
    h.sim.admin.injectFault({ kind: 'malformed-json' });
    const r = await count();
    expect(r.status).toBe(200);
    expect(r.text.startsWith('{"requestId":null')).toBe(true);
    expect(() => JSON.parse(r.text)).toThrow(SyntaxError);
  });

  it('business answers a 200 envelope with succeed false', async () => {
    h.sim.admin.injectFault({ kind: 'business', errmsg: 200011 });
    h.sim.admin.injectFault({ kind: 'business', errmsg: 10011, errdesc: 'custom' });
    expect(JSON.parse((await count()).text)).toMatchObject({ succeed: false, errmsg: 200011, errdesc: '服务器错误', values: null });
    expect(JSON.parse((await count()).text)).toMatchObject({ succeed: false, errmsg: 10011, errdesc: 'custom' });
  });

  it('unauthorized answers HTTP 401 instead of an envelope', async () => {
    h.sim.admin.injectFault({ kind: 'unauthorized' });
    const r = await count();
    expect(r.status).toBe(401);
    expect(r.text).toBe('');
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it('reset destroys the socket without a response', async () => {
    h.sim.admin.injectFault({ kind: 'reset' });
    await expect(count()).rejects.toThrow();
    expect(ok(await count())).toBe(true);
    expect(h.sim.admin.requestLog().filter((e) => e.path === COUNT).map((e) => e.status)).toEqual([0, 200]);
  });

  it('huge sends a 200 body of exactly that many bytes (chunked, valid JSON)', async () => {
    h.sim.admin.injectFault({ kind: 'huge', bytes: 3 * 1024 * 1024 + 17 });
    const r = await count();
    expect(r.status).toBe(200);
    expect(r.headers.get('content-length')).toBeNull();
    expect(Buffer.byteLength(r.text)).toBe(3 * 1024 * 1024 + 17);
    expect(JSON.parse(r.text)).toMatchObject({ succeed: true, errmsg: 20000 });
  });

  it('applies `times` and then stops; Infinity lasts until cleared', async () => {
    h.sim.admin.injectFault({ kind: 'status', status: 503, times: 2 });
    expect((await count()).status).toBe(503);
    expect((await count()).status).toBe(503);
    expect((await count()).status).toBe(200);
    h.sim.admin.injectFault({ kind: 'status', status: 500, times: Infinity });
    for (let i = 0; i < 5; i++) expect((await count()).status).toBe(500);
    h.sim.admin.clearFaults();
    expect((await count()).status).toBe(200);
  });

  it('queues faults first in, first out', async () => {
    h.sim.admin.injectFault({ kind: 'status', status: 500 });
    h.sim.admin.injectFault({ kind: 'status', status: 429 });
    expect((await count()).status).toBe(500);
    expect((await count()).status).toBe(429);
    expect((await count()).status).toBe(200);
  });

  it('combines a latency fault with an answering fault on the same request', async () => {
    h.sim.admin.injectFault({ kind: 'latency', ms: 200 });
    h.sim.admin.injectFault({ kind: 'status', status: 503 });
    const started = performance.now();
    expect((await count()).status).toBe(503);
    expect(performance.now() - started).toBeGreaterThanOrEqual(180);
  });

  it('a fault with a path only hits that path', async () => {
    h.sim.admin.injectFault({ kind: 'status', status: 500, path: LIST });
    expect((await count()).status).toBe(200);
    const res = await fetch(h.sim.url + LIST, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.token()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ pageIndex: 1, pageSize: 1 }),
    });
    expect(res.status).toBe(500);
  });

  it('faults hit the token endpoint too', async () => {
    h.sim.admin.injectFault({ kind: 'status', status: 503, path: '/connect/token' });
    expect((await grant(h.sim)).status).toBe(503);
    expect((await grant(h.sim)).status).toBe(200);
    h.sim.admin.injectFault({ kind: 'malformed-json', path: '/connect/token' });
    const text = await (await grant(h.sim)).text();
    expect(text.startsWith('{"access_token"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('never faults the admin API', async () => {
    h.sim.admin.injectFault({ kind: 'status', status: 500, times: Infinity });
    const res = await fetch(`${h.sim.url}/_admin/todos`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as unknown[]).length).toBe(h.sim.admin.todos().length);
  });

  it('rejects malformed faults', () => {
    const inject = (f: unknown) => h.sim.admin.injectFault(f as never);
    expect(() => inject({ kind: 'meteor' })).toThrow(/kind/);
    expect(() => inject({ kind: 'status', status: 42 })).toThrow(/status/);
    expect(() => inject({ kind: 'latency', ms: -1 })).toThrow(/ms/);
    expect(() => inject({ kind: 'huge' })).toThrow(/bytes/);
    expect(() => inject({ kind: 'reset', times: 0 })).toThrow(/times/);
    expect(() => inject({ kind: 'reset', path: 'v2/x' })).toThrow(/path/);
  });

  it('shrugs off a client that gives up during a latency fault', async () => {
    h.sim.admin.injectFault({ kind: 'latency', ms: 300 });
    const aborted = fetch(h.sim.url + COUNT, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.token()}`, 'Content-Type': 'application/json' },
      body: '{}',
      signal: AbortSignal.timeout(50),
    });
    await expect(aborted).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 400));
    expect(ok(await count())).toBe(true);
  });

  it('close() does not wait for a pending latency fault', async () => {
    h.sim.admin.injectFault({ kind: 'latency', ms: 60_000 });
    const pending = count().catch(() => 'failed');
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    await h.sim.close();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await pending).toBe('failed');
  });
});
