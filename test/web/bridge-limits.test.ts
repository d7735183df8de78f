/**
 * Back-pressure on the browser host's bridge (hosts/web/socket.ts), over real loopback
 * WebSockets against a stand-in app whose calls finish when the test says so: a page that
 * floods calls gets at most `maxInFlight` dispatched at once and cannot make another page
 * wait; a page that never reads is dropped instead of growing the host's memory.
 */
import { createServer, type Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/contract/types';
import type { YoumiApp } from '../../electron/main/app/types';
import { makeTodo } from '../service/support/fixtures';
import { attachBridgeSocket, BRIDGE_LIMITS } from '../../electron/main/hosts/web/socket';

const TOKEN = 'test-token-0123456789';
let server: Server;
let wss: ReturnType<typeof attachBridgeSocket>;
let origin: string;
const sockets: WebSocket[] = [];

interface StandIn {
  app: YoumiApp;
  /** Calls of 'slow' not yet finished. */
  held: (() => void)[];
  maxConcurrent: number;
  dispatched: number;
  pushSnapshot(payload: unknown): void;
}

/** A snapshot of one todo with this title: a long title makes a big delta. */
function snapshotWithTitle(title: string): Snapshot {
  return {
    todos: [{ ...makeTodo({ id: 1, remindAt: null }), title, local: { done: false, doneAt: null, snoozedUntil: null }, closed: null, nextReminderAt: null }],
    status: { state: 'ok', lastSuccessAt: null, lastError: null, nextSyncAt: null },
    reminders: { pausedUntil: null, quietNow: false },
    demo: true,
    staff: 'b08',
    generatedAt: new Date().toISOString(),
  };
}

function standIn(): StandIn {
  let concurrent = 0;
  const snapshotListeners = new Set<(s: unknown) => void>();
  const s: StandIn = {
    held: [],
    maxConcurrent: 0,
    dispatched: 0,
    pushSnapshot: (p) => snapshotListeners.forEach((l) => l(p)),
    app: {
      dispatch: async (method: string) => {
        s.dispatched++;
        concurrent++;
        s.maxConcurrent = Math.max(s.maxConcurrent, concurrent);
        if (method === 'slow') await new Promise<void>((r) => s.held.push(r));
        concurrent--;
        return { ok: true, value: method };
      },
      snapshot: () => snapshotWithTitle(''),
      onSnapshot: (l: (s: unknown) => void) => {
        snapshotListeners.add(l);
        return () => snapshotListeners.delete(l);
      },
      onReminder: () => () => {},
    } as unknown as YoumiApp,
  };
  return s;
}

async function listen(app: YoumiApp, limits = BRIDGE_LIMITS): Promise<void> {
  server = createServer();
  wss = attachBridgeSocket(server, app, () => [origin], TOKEN, limits);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function open(): Promise<{ ws: WebSocket; results: Map<number, unknown>; next: (id: number) => Promise<unknown> }> {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge?token=${TOKEN}`, { origin });
  sockets.push(ws);
  const results = new Map<number, unknown>();
  const waiters = new Map<number, (v: unknown) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as { type: string; id: number; result: unknown };
    if (m.type !== 'result') return;
    results.set(m.id, m.result);
    waiters.get(m.id)?.(m.result);
  });
  const next = (id: number) => (results.has(id) ? Promise.resolve(results.get(id)) : new Promise((r) => waiters.set(id, r)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, results, next }));
    ws.once('error', reject);
  });
}

const call = (ws: WebSocket, id: number, method: string) => ws.send(JSON.stringify({ type: 'call', id, method, args: [] }));

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('bridge back-pressure', () => {
  it('a flooding page gets at most maxInFlight calls at once; another page is answered meanwhile', async () => {
    const s = standIn();
    await listen(s.app);
    const flood = await open();
    for (let id = 1; id <= 40; id++) call(flood.ws, id, 'slow');
    await expect.poll(() => s.held.length).toBe(BRIDGE_LIMITS.maxInFlight);

    const other = await open();
    call(other.ws, 1, 'fast');
    expect(await other.next(1)).toEqual({ ok: true, value: 'fast' });
    expect(s.held.length).toBe(BRIDGE_LIMITS.maxInFlight);

    // Release the held calls as they come: every flood call is answered, never more than
    // maxInFlight of them at once.
    while (flood.results.size < 40) {
      await expect.poll(() => s.held.length > 0 || flood.results.size === 40).toBe(true);
      s.held.splice(0).forEach((r) => r());
      await new Promise((r) => setImmediate(r));
    }
    expect(s.maxConcurrent).toBeLessThanOrEqual(BRIDGE_LIMITS.maxInFlight + 1); // + the other page's call
  });

  it('limits the message rate per page: a burst beyond it is read only as the rate allows', async () => {
    const s = standIn();
    await listen(s.app, { ...BRIDGE_LIMITS, ratePerSec: 100, burst: 10 });
    const flood = await open();
    const started = Date.now();
    for (let id = 1; id <= 60; id++) call(flood.ws, id, 'fast');
    await flood.next(60);
    // 10 at once, then 50 more at 100 per second: not before ~0.5 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(s.dispatched).toBe(60);
  });

  it('drops a page that never reads, and keeps serving the others', async () => {
    const s = standIn();
    await listen(s.app, { ...BRIDGE_LIMITS, maxBufferedBytes: 4 * 1024 * 1024 });
    // A raw client: it completes the upgrade, then never reads a byte.
    const port = Number(new URL(origin).port);
    const raw = net.connect(port, '127.0.0.1');
    raw.write(
      `GET /bridge?token=${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\n` +
        'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    await new Promise((r) => raw.once('data', r));
    raw.pause();
    const good = await open();
    let received = 0;
    good.ws.on('message', () => received++);
    expect(wss.clients.size).toBe(2);
    const big = 'x'.repeat(1024 * 1024);
    // Paced like real snapshots, so a page that reads keeps up and one that does not falls behind.
    for (let i = 0; i < 64 && wss.clients.size === 2; i++) {
      s.pushSnapshot(snapshotWithTitle(`${i}${big}`));
      await new Promise((r) => setTimeout(r, 20));
    }
    await expect.poll(() => wss.clients.size).toBe(1);
    await expect.poll(() => received).toBeGreaterThan(0);
    expect(good.ws.readyState).toBe(WebSocket.OPEN);
    raw.destroy();
  });
});
