/**
 * Every network call ends: a server that trickles its body byte by byte (each byte
 * restarts undici's body timeout) is cut off by the per-request deadline; a list whose
 * retries would go on is cut off by the sync deadline; close() and a process stop end a
 * call in flight at once. Real loopback servers; the retry waits are recorded, not slept.
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { resetStopForTests, stopAllRequests } from '../../electron/main/api/deadline';
import { envelope, rejection, startStub, stubConfig, testClient, type Stub } from './harness';

const trickle = (res: ServerResponse): void => {
  res.writeHead(200, { 'content-type': 'application/json' });
  const text = JSON.stringify(envelope([]));
  let i = 0;
  // One byte every 20 ms, and the document never quite ends: 20 s of body at least.
  const timer = setInterval(() => {
    if (res.destroyed || i >= text.length - 1) return;
    res.write(text[i++]!);
  }, 20);
  res.on('close', () => clearInterval(timer));
};

/** A server that takes the request and never answers. */
const silent = (): void => {};

afterEach(() => resetStopForTests());

async function elapsed<T>(p: Promise<T>): Promise<{ ms: number; error: Error }> {
  const started = Date.now();
  const error = await rejection(p);
  return { ms: Date.now() - started, error };
}

const arrived = (stub: Stub, path: string) => expect.poll(() => stub.requests.some((r) => r.path === path)).toBe(true);

describe('deadlines', () => {
  it('a trickling body ends at the request deadline with a timeout, not never', async () => {
    const stub = await startStub((_req, res) => trickle(res));
    const { client } = testClient(stubConfig(stub, { requestDeadlineMs: 400, maxRetries: 0 }));
    const { ms, error } = await elapsed(client.listMyOpenTodos('b08'));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(error.message).toMatch(/no complete response .* within 400 ms/);
    expect(ms).toBeLessThan(3000);
  });

  it('a trickling server with retries ends at the sync deadline', async () => {
    const stub = await startStub((_req, res) => trickle(res));
    const { client, rec } = testClient(stubConfig(stub, { requestDeadlineMs: 300, syncDeadlineMs: 1000, maxRetries: 10 }));
    const { ms, error } = await elapsed(client.listMyOpenTodos('b08'));
    expect(error).toMatchObject({ kind: 'timeout' });
    expect(error.message).toBe('listing the todos did not finish within 1 s');
    expect(ms).toBeLessThan(4000);
    expect(rec.sleeps.length).toBeGreaterThan(0); // it did retry, until the sync deadline
  });

  it('close() ends a request in flight at once', async () => {
    const stub = await startStub(silent);
    const { client } = testClient(stubConfig(stub, { maxRetries: 0 }));
    const pending = elapsed(client.listMyOpenTodos('b08'));
    await arrived(stub, '/v2/Todo/GetChargeDaffairesList');
    await client.close();
    const { ms, error } = await pending;
    expect(error).toMatchObject({ kind: 'network' });
    expect(ms).toBeLessThan(3000);
  });

  it('a process stop (SIGTERM) ends every request in flight and every retry wait at once', async () => {
    const stub = await startStub(silent);
    const a = testClient(stubConfig(stub, { maxRetries: 0 })).client;
    // The other one waits between retries of a 503: a wait that would take an hour.
    const bStub = await startStub((_req, res) => res.writeHead(503).end());
    const hour = () => new Promise<void>((r) => setTimeout(r, 3600_000).unref());
    const b = testClient(stubConfig(bStub, { maxRetries: 3, sleep: hour })).client;
    const pa = elapsed(a.listMyOpenTodos('b08'));
    const pb = elapsed(b.listMyOpenTodos('b08'));
    await arrived(stub, '/v2/Todo/GetChargeDaffairesList');
    await arrived(bStub, '/v2/Todo/GetChargeDaffairesList');
    stopAllRequests();
    for (const { ms, error } of await Promise.all([pa, pb])) {
      expect(error).toMatchObject({ kind: 'network' });
      expect(error.message).toContain('stopped');
      expect(ms).toBeLessThan(3000);
    }
  });
});

describe('after close', () => {
  it('a call on a closed client fails at once and leaves no unhandled rejection', async () => {
    const stub = await startStub(silent);
    const { client } = testClient(stubConfig(stub, { maxRetries: 0 }));
    await client.close();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { error } = await elapsed(client.listMyOpenTodos('b08'));
      expect(error).toMatchObject({ kind: 'network' });
      // Let the exchange's own failure settle: it must be handled.
      await new Promise((r) => setTimeout(r, 200));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
