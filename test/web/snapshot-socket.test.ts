/**
 * Snapshots over the browser host's WebSocket (hosts/web/socket.ts + app/snapshot-feed.ts),
 * over real loopback sockets against a stand-in app that counts what it is asked for:
 * no page, no snapshot; a page gets a full snapshot, then deltas numbered per connection;
 * a page that reports a gap gets a full snapshot again; the last page leaving stops it all.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { SnapshotMessage } from '../../shared/contract/delta';
import { createSnapshotReceiver } from '../../shared/contract/delta-apply';
import { snapshotMessageSchema } from '../../shared/contract/delta-schema';
import type { TodoView } from '../../shared/contract/types';
import type { YoumiApp } from '../../electron/main/app/types';
import { attachBridgeSocket, snapshotFeedOf } from '../../electron/main/hosts/web/socket';
import { countingSource } from '../app/support/counting-source';
import { makeTodo } from '../service/support/fixtures';

const TOKEN = 'test-token-snapshots-0123';
let server: Server;
let origin: string;
const sockets: WebSocket[] = [];

const view = (id: number, title = `待办 ${id}`): TodoView => ({
  ...makeTodo({ id, remindAt: null }),
  title,
  local: { done: false, doneAt: null, snoozedUntil: null },
  closed: null,
  nextReminderAt: null,
});

/** An app whose snapshot the test sets; it counts builds and snapshot subscribers. */
function standIn(todos: TodoView[]) {
  const s = countingSource({
    todos,
    status: { state: 'ok', lastSuccessAt: null, lastError: null, nextSyncAt: null },
    reminders: { pausedUntil: null, quietNow: false },
    demo: true,
    staff: 'b08',
    generatedAt: new Date().toISOString(),
  });
  const app = { dispatch: async () => ({ ok: true, value: null }), snapshot: s.snapshot, onSnapshot: s.onSnapshot, onReminder: () => () => {} } as unknown as YoumiApp;
  return Object.assign(s, { app });
}

async function listen(app: YoumiApp) {
  server = createServer();
  const wss = attachBridgeSocket(server, app, () => [origin], TOKEN);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return wss;
}

/** A page: its raw snapshot messages (with their sizes) and the snapshot it rebuilt. */
async function page() {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge?token=${TOKEN}`, { origin });
  sockets.push(ws);
  const raw: { msg: SnapshotMessage; bytes: number }[] = [];
  const receiver = createSnapshotReceiver(
    () => {},
    () => ws.send(JSON.stringify({ type: 'snapshot-resync' })),
  );
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as { type: string; channel: string; payload: SnapshotMessage };
    if (m.channel !== 'snapshot') return;
    raw.push({ msg: m.payload, bytes: String(d).length });
    receiver.receive(m.payload);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return { ws, raw, receiver };
}

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('snapshots over the browser host’s socket', () => {
  it('builds nothing with no page; a page gets one full snapshot, then small deltas; the last page leaving stops it', async () => {
    const todos = Array.from({ length: 2000 }, (_, i) => view(i + 1));
    const s = standIn(todos);
    const wss = await listen(s.app);
    s.change({ todos: todos.map((t) => (t.id === 5 ? view(5, '无人看') : t)) });
    expect(s.builds).toBe(0);
    expect(s.listeners.size).toBe(0);

    const p = await page();
    await expect.poll(() => p.raw.length).toBe(1);
    expect(s.builds).toBe(1);
    expect('full' in p.raw[0]!.msg && p.raw[0]!.msg.full.todos).toHaveLength(2000);

    const changed = view(7, '改了一个');
    s.change({ todos: s.current.todos.map((t) => (t.id === 7 ? changed : t)) });
    await expect.poll(() => p.raw.length).toBe(2);
    const second = p.raw[1]!;
    expect(second.msg).toMatchObject({ seq: 2, delta: { upsert: [changed], marks: [], remove: [] } });
    expect(snapshotMessageSchema.safeParse(second.msg).success).toBe(true);
    expect(second.bytes).toBeLessThan(2048);
    expect(p.raw[0]!.bytes).toBeGreaterThan(100 * second.bytes);
    expect(p.receiver.current()?.todos.find((t) => t.id === 7)?.title).toBe('改了一个');
    expect(snapshotFeedOf(wss)?.stats).toMatchObject({ fulls: 1, deltas: 1 });

    p.ws.close();
    await expect.poll(() => s.listeners.size).toBe(0);
    const before = s.builds;
    s.change({ todos: [view(1)] });
    expect(s.builds).toBe(before);
  });

  it('numbers messages per page, computes one delta for all pages, and answers a gap with a full snapshot', async () => {
    const s = standIn([view(1), view(2)]);
    const wss = await listen(s.app);
    const a = await page();
    await expect.poll(() => a.raw.length).toBe(1);
    s.change({ todos: [view(1), view(2), view(3)] });
    await expect.poll(() => a.raw.length).toBe(2);
    const b = await page();
    await expect.poll(() => b.raw.length).toBe(1);
    s.change({ todos: [view(1), view(3)] });
    await expect.poll(() => b.raw.length).toBe(2);
    await expect.poll(() => a.raw.length).toBe(3);
    expect(a.raw.map((r) => r.msg.seq)).toEqual([1, 2, 3]);
    expect(b.raw.map((r) => r.msg.seq)).toEqual([1, 2]);
    expect(b.raw[1]!.msg).toMatchObject({ delta: { remove: [2] } });
    expect(snapshotFeedOf(wss)?.stats.deltas).toBe(2);

    // Page a loses a message: the next delta does not follow, so it asks for a full snapshot.
    a.receiver.reset();
    a.receiver.receive({ seq: 1, full: s.current });
    s.change({ todos: [view(1), view(3), view(4)] });
    await expect.poll(() => a.raw.length).toBe(5);
    expect(a.raw[3]!.msg.seq).toBe(4);
    expect(a.raw[4]!.msg).toMatchObject({ seq: 5, full: { todos: [{ id: 1 }, { id: 3 }, { id: 4 }] } });
    expect(a.receiver.current()?.todos.map((t) => t.id)).toEqual([1, 3, 4]);
  });
});
