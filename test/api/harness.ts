/**
 * Loopback fixtures: the contract simulator, a client wired to it with recorded logs and
 * sleeps, and a bare node:http stub for servers misbehaving in ways the simulator does not.
 * Real sockets and real undici throughout.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createYoumiClient, type YoumiConnection } from '../../electron/main/api/client';
import type { YoumiConfig } from '../../electron/main/api/types';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../electron/main/simulator/index';

export interface Recorded {
  logs: string[];
  /** Every delay the client asked to wait, in order. */
  sleeps: number[];
}

export function recorder(): Recorded & Pick<YoumiConfig, 'log' | 'sleep'> {
  const rec: Recorded = { logs: [], sleeps: [] };
  return {
    ...rec,
    log: (line) => rec.logs.push(line),
    sleep: async (ms) => {
      rec.sleeps.push(ms);
    },
  };
}

const open = new Set<{ close(): Promise<void> }>();

/** Closed after the current test. */
export function track<T extends { close(): Promise<void> }>(thing: T): T {
  open.add(thing);
  return thing;
}

afterEach(async () => {
  const all = [...open];
  open.clear();
  await Promise.all(all.map((t) => t.close()));
});

/**
 * One simulator per test file, reset before each test (faults, paging and the request
 * log cleared; tokens stay valid, so tests that count token requests use a fresh client).
 */
export function useSimulator(opts: SimulatorOptions = {}, reset: { demoData?: boolean } = {}): () => Simulator {
  let sim: Simulator | undefined;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, ...opts });
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(() => {
    sim?.admin.reset(reset);
  });
  return () => {
    if (!sim) throw new Error('simulator not started');
    return sim;
  };
}

export interface TestClient {
  client: YoumiConnection;
  rec: Recorded;
}

export function simConfig(sim: Simulator, over: Partial<YoumiConfig> = {}): Partial<YoumiConfig> {
  return {
    baseUrl: sim.url,
    tokenUrl: sim.tokenUrl,
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    ...over,
  };
}

/** A client on `config` that never really sleeps (delays are recorded) and records its log. */
export function testClient(config: Partial<YoumiConfig>): TestClient {
  const rec = recorder();
  const client = track(createYoumiClient({ random: () => 0.5, sleep: rec.sleep, log: rec.log, ...config }));
  return { client, rec };
}

export function clientFor(sim: Simulator, over: Partial<YoumiConfig> = {}): TestClient {
  return testClient(simConfig(sim, over));
}

/** Requests the simulator saw on `path`. */
export function hits(sim: Simulator, path: string): ReturnType<Simulator['admin']['requestLog']> {
  return sim.admin.requestLog().filter((e) => e.path === path);
}

export const LIST = '/v2/Todo/GetChargeDaffairesList';
export const COUNT = '/v2/Todo/GetChargeDaffairesCount';
export const TOKEN = '/connect/token';

export interface StubRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export type StubHandler = (req: StubRequest, res: ServerResponse) => void;

export interface Stub {
  url: string;
  tokenUrl: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

export const STUB_TOKEN = 'stub-access-token-3f9a1c';

export function envelope(values: unknown): Record<string, unknown> {
  return { requestId: null, errmsg: 20000, succeed: true, msgTime: '2024-08-07T15:30:23.0568873+08:00', values, errdesc: null };
}

export function sendJson(res: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** A server with a working token endpoint and `handler` for everything else. */
export async function startStub(handler: StubHandler): Promise<Stub> {
  const requests: StubRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // form bodies stay text
      }
      const path = new URL(req.url ?? '/', 'http://stub.invalid').pathname;
      const entry = { method: req.method ?? 'GET', path, headers: req.headers, body };
      requests.push(entry);
      if (path === '/connect/token') return sendJson(res, { access_token: STUB_TOKEN, token_type: 'Bearer', expires_in: 3600 });
      handler(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return track({
    url,
    tokenUrl: `${url}/connect/token`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

/** A list item as the list endpoint sends it, for hand-made pages. */
export const listItem = (id: number, title = `t${id}`) => ({ id, remindTitle: title, sate: 0, recipientData: '["b08"]' });

/** Three pages of four good items and three bad ones (no usable id, null, no id), 9 in all. */
export const pagesWithBadItems = (): Record<number, unknown[]> => ({
  1: [listItem(1), { id: 'x' }, null],
  2: [listItem(2), listItem(3), { remindTitle: 'no id' }],
  3: [listItem(4)],
});

/** The page a list request asks for. */
export const pageIndexOf = (req: StubRequest): number => (req.body as { pageIndex: number }).pageIndex;

/**
 * A stub list endpoint serving `pages` by pageIndex (later edits to `pages` are served
 * too; a missing page is empty) and `count` from the count endpoint.
 */
export function pagedStub(pages: Record<number, unknown[]>, count: number): Promise<Stub> {
  return startStub((req, res) => {
    if (req.path === COUNT) return sendJson(res, envelope(count));
    sendJson(res, envelope(pages[pageIndexOf(req)] ?? []));
  });
}

export function stubConfig(stub: Stub, over: Partial<YoumiConfig> = {}): Partial<YoumiConfig> {
  return { baseUrl: stub.url, tokenUrl: stub.tokenUrl, clientId: 'stub-client', clientSecret: 'stub-secret-value', ...over };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The thrown value of `p`, which must reject. */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

/** Transport options for tests of one exchange: no retries, short timeouts (override per test). */
export function exchangeOptions(over: Partial<import('../../electron/main/api/http').HttpOptions> = {}): import('../../electron/main/api/http').HttpOptions {
  return {
    connectTimeoutMs: 2000,
    headersTimeoutMs: 2000,
    bodyTimeoutMs: 2000,
    requestDeadlineMs: 10_000,
    maxRetries: 0,
    retryBaseMs: 1,
    retryCapMs: 1,
    maxRetryAfterMs: 1,
    maxResponseBytes: 1 << 20,
    log: () => {},
    sleep: async () => {},
    now: Date.now,
    random: Math.random,
    ...over,
  };
}
