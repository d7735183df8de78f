/**
 * Loopback fixtures for relay tests: the real simulator, a relay on a temporary data dir
 * (SQLite unless a database URL is given), and devices signed in through the real routes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../electron/main/simulator/index';
import { enrolDevice, relayLink, type RelayLink, type StreamMessage } from '../../electron/main/relay-link/link';
import { openStore, startRelay, type Relay, type RelayOptions } from '../src/relay';

export interface Env {
  sim: Simulator;
  relay: Relay;
  dir: string;
  logs: string[];
  adminToken: string;
  close(): Promise<void>;
}

export async function startEnv(over: Partial<RelayOptions> & { sim?: Simulator; dir?: string } = {}): Promise<Env> {
  const sim = over.sim ?? (await startSimulator({ port: 0, demoData: false }));
  const dir = over.dir ?? mkdtempSync(join(tmpdir(), 'relay-test-'));
  const opts = { dataDir: dir, secretKey: 'test key', ...over };
  const store = await openStore(opts);
  await store.saveCredentials({ baseUrl: sim.url, tokenUrl: sim.tokenUrl, clientId: sim.credentials.clientId, clientSecret: sim.credentials.clientSecret });
  const adminToken = await store.createAdminToken();
  await store.db.close();
  const logs: string[] = [];
  const relay = await startRelay({ pollSec: 60, keepAliveMs: 15_000, lockRetryMs: 200, ...opts, port: 0, log: (l) => logs.push(l) });
  return {
    sim,
    relay,
    dir,
    logs,
    adminToken,
    async close() {
      await relay.close();
      if (!over.sim) await sim.close();
      if (!over.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits (polling a condition, no fixed sleeps) until `check` holds or `ms` passes. */
export async function until(check: () => boolean, ms = 3000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function admin<T = Record<string, unknown>>(env: Env, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${env.relay.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${env.adminToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export interface TestDevice {
  link: RelayLink;
  token: string;
  deviceId: number;
  messages: StreamMessage[];
  /** Opens the stream (resuming from the last event id seen, if any). */
  connect(): void;
  disconnect(): Promise<void>;
  lastEventId(): number | null;
}

export async function signIn(env: Env, staff: string, name = `${staff}-pc`): Promise<TestDevice> {
  const { body } = await admin<{ code: string }>(env, 'POST', '/admin/enrol', { staff });
  const got = await enrolDevice(env.relay.url, body.code, name);
  const link = relayLink(env.relay.url, got.token);
  const messages: StreamMessage[] = [];
  let handle: ReturnType<RelayLink['stream']> | null = null;
  let last: number | null = null;
  return {
    link,
    token: got.token,
    deviceId: got.deviceId,
    messages,
    connect() {
      handle = link.stream((m) => messages.push(m), { lastEventId: last });
    },
    async disconnect() {
      last = handle?.lastEventId() ?? last;
      handle?.close();
      await handle?.done;
      handle = null;
    },
    lastEventId: () => handle?.lastEventId() ?? last,
  };
}

export const todoMessages = (d: TestDevice, type: StreamMessage['type']): StreamMessage[] => d.messages.filter((m) => m.type === type);
