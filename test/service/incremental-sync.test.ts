/**
 * A poll costs what it changed: over real HTTP against the simulator (virtual clock), an
 * unchanged todo keeps its very object in the service, the changes name only the ids that
 * changed, the scheduler recomputes only those, and a poll builds at most one snapshot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/contract/types';
import type { Todo } from '../../shared/todo';
import { createYoumiClient } from '../../electron/main/api/client';
import type { HttpTransport } from '../../electron/main/api/http';
import type { YoumiConfig } from '../../electron/main/api/types';
import type { TodoChanges } from '../../electron/main/service/todo-service';
import { HOUR, MIN } from './support/fixtures';
import type { Harness } from './support/harness';
import { T0 } from './support/harness';
import { world, type World } from './support/simulated';

let w: World;
beforeEach(async () => {
  w = await world();
});
afterEach(async () => {
  await w.close();
});

/** What one poll (one interval of virtual time) did, seen from outside the service. */
async function poll(h: Harness): Promise<{ changes: TodoChanges[]; snapshots: Snapshot[]; replaced: number[]; updates: number }> {
  const ids = h.service.snapshot().todos.filter((t) => t.closed === null).map((t) => t.id);
  const held = new Map<number, Todo | undefined>(ids.map((id) => [id, h.service.todo(id)]));
  const changes: TodoChanges[] = [];
  const snapshots: Snapshot[] = [];
  const offs = [h.service.on('changes', (c) => changes.push(c)), h.service.on('snapshot', (s) => snapshots.push(s))];
  const updates = h.service.stats().scheduler.updates;
  await h.run(60_000);
  offs.forEach((off) => off());
  return {
    changes,
    snapshots,
    replaced: [...held].filter(([id, t]) => h.service.todo(id) !== t).map(([id]) => id),
    updates: h.service.stats().scheduler.updates - updates,
  };
}

/** A client of its own on the world's simulator and clock (the world's client has fixed options). */
const simClient = (over: Partial<YoumiConfig>) =>
  createYoumiClient({
    baseUrl: w.sim.url,
    tokenUrl: w.sim.tokenUrl,
    clientId: w.sim.credentials.clientId,
    clientSecret: w.sim.credentials.clientSecret,
    now: () => w.clock.now(),
    maxRetries: 0,
    ...over,
  });

const listRequests = () => w.sim.admin.requestLog().filter((r) => r.path === '/v2/Todo/GetChargeDaffairesList');
const lookups = () => listRequests().filter((r) => (r.body as { chargeDaffairesId?: number }).chargeDaffairesId !== undefined);

describe('incremental sync over real HTTP', () => {
  it('an unchanged poll keeps every todo object, reports nothing, recomputes no reminder and builds one snapshot (for its status)', async () => {
    for (let i = 0; i < 30; i++) w.add(T0 + HOUR + i * MIN);
    const h = await w.service();
    const requests = listRequests().length;
    const p = await poll(h);
    expect(listRequests().length).toBeGreaterThan(requests); // it did poll
    expect(p.replaced).toEqual([]);
    expect(p.changes).toEqual([]);
    expect(p.updates).toBe(0);
    expect(p.snapshots.map((s) => s.status.state)).toEqual(['ok']);
    expect(p.snapshots[0]!.status.lastSuccessAt).toBe(new Date(h.clock.now()).toISOString());
  });

  it('one todo changed on the simulator is the only id reported, replaced and re-armed', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push(w.add(T0 + HOUR + i * MIN));
    const h = await w.service();
    const id = ids[17]!;
    w.sim.admin.updateTodo(id, { remindTitle: '客户改了时间' });
    const p = await poll(h);
    expect(p.changes).toEqual([{ added: [], updated: [id], closed: [], reopened: [] }]);
    expect(p.replaced).toEqual([id]);
    expect(h.service.todo(id)!.title).toBe('客户改了时间');
    expect(p.updates).toBe(1);
    expect(p.snapshots).toHaveLength(1);
    expect(p.snapshots[0]!.todos.find((t) => t.id === id)!.title).toBe('客户改了时间');
  });

  it('an item inserted on page 1 moves the others across page boundaries: only it is added, nothing is looked up', async () => {
    const client = simClient({ pageSize: 10 });
    try {
      for (let i = 0; i < 25; i++) w.add(T0 + HOUR + i * MIN, { id: 101 + i });
      const h = await w.service({ source: client });
      const inserted = w.add(T0 + 2 * HOUR, { id: 50 });
      const before = lookups().length;
      const p = await poll(h);
      expect(p.changes).toEqual([{ added: [inserted], updated: [], closed: [], reopened: [] }]);
      expect(p.replaced).toEqual([]);
      expect(p.updates).toBe(1);
      expect(lookups().length).toBe(before);
      expect(h.service.snapshot().todos).toHaveLength(26);
    } finally {
      await client.close();
    }
  });

  it('paging that ignores pageIndex: the todos left out are looked up and kept as the same objects', async () => {
    for (let i = 0; i < 150; i++) w.add(T0 + 3 * HOUR + i * MIN);
    const h = await w.service();
    w.sim.admin.setPaging({ ignorePageIndex: true });
    const before = lookups().length;
    const p = await poll(h);
    expect(lookups().length - before).toBe(50);
    expect(p.changes).toEqual([]);
    expect(p.replaced).toEqual([]);
    expect(p.updates).toBe(0);
  });

  it('while the list has an unreadable item, a todo gone from the server is not counted missing; once readable, it closes after two polls', async () => {
    let junk = true;
    const clientLog: string[] = [];
    // The simulator's real answers, with one item no client can read added to each page.
    const withJunk = (t: HttpTransport): HttpTransport => ({
      async send(req) {
        const res = await t.send(req);
        if (!junk || !req.url.endsWith('/v2/Todo/GetChargeDaffairesList')) return res;
        const body = JSON.parse(res.text) as { values: unknown[] | null };
        if (body.values && body.values.length > 0) body.values.push({ id: 'not-a-number', remindTitle: '?' });
        return { ...res, text: JSON.stringify(body) };
      },
      close: () => t.close(),
    });
    const client = simClient({ wrapTransport: withJunk, log: (l) => clientLog.push(l) });
    try {
      const keep = w.add(T0 + 5 * HOUR);
      const gone = w.add(T0 + 6 * HOUR);
      const h = await w.service({ source: client });
      w.sim.admin.remove(gone);
      for (let i = 0; i < 3; i++) {
        const p = await poll(h);
        expect(p.changes).toEqual([]);
        expect(p.replaced).toEqual([]);
      }
      expect(clientLog.filter((l) => l.startsWith('skipped todo item'))).toHaveLength(4); // the first sync and 3 polls
      junk = false;
      expect((await poll(h)).changes).toEqual([]);
      expect((await poll(h)).changes).toEqual([{ added: [], updated: [], closed: [{ id: gone, reason: 'gone' }], reopened: [] }]);
      expect(h.service.todo(keep)).toBeDefined();
    } finally {
      await client.close();
    }
  });

  it('a handled todo is removed (closed) and only it is taken off the schedule', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push(w.add(T0 + HOUR + i * MIN));
    const h = await w.service();
    w.sim.admin.handle(ids[3]!);
    const p = await poll(h);
    expect(p.changes).toEqual([{ added: [], updated: [], closed: [{ id: ids[3], reason: 'handled' }], reopened: [] }]);
    expect(p.replaced).toEqual([ids[3]]); // now the closed copy the lookup found
    expect(p.updates).toBe(0);
    expect(h.service.snapshot().todos.find((t) => t.id === ids[3])!.nextReminderAt).toBeNull();
  });
});

describe('snapshots per poll', () => {
  it('a background poll builds one snapshot, not one for "syncing" and another for its outcome', async () => {
    w.add(T0 + HOUR);
    const h = await w.service();
    const snapshots: Snapshot[] = [];
    h.service.on('snapshot', (s) => snapshots.push(s));
    const states: string[] = [];
    h.service.on('status', (s) => states.push(s.state));
    await h.run(60_000);
    expect(states).toEqual(['syncing', 'ok']);
    expect(snapshots.map((s) => s.status.state)).toEqual(['ok']);
  });

  it('the first sync, before anything was ever listed, still shows "syncing"', async () => {
    w.add(T0 + HOUR);
    const h = await w.service({ start: false });
    const snapshots: Snapshot[] = [];
    h.service.on('snapshot', (s) => snapshots.push(s));
    await h.service.start();
    await h.service.whenIdle();
    expect(snapshots.map((s) => s.status.state)).toContain('syncing');
    expect(snapshots.at(-1)!.status.state).toBe('ok');
  });

  it('a sync the user asked for (the refresh button) shows "syncing" while it runs', async () => {
    w.add(T0 + HOUR);
    const h = await w.service();
    const snapshots: Snapshot[] = [];
    h.service.on('snapshot', (s) => snapshots.push(s));
    await h.service.syncNow();
    await Promise.resolve();
    expect(snapshots.map((s) => s.status.state)).toEqual(['syncing', 'ok']);
  });

  it('a failed background poll builds one snapshot, with the failure', async () => {
    w.add(T0 + HOUR);
    const h = await w.service();
    const snapshots: Snapshot[] = [];
    h.service.on('snapshot', (s) => snapshots.push(s));
    w.sim.admin.injectFault({ kind: 'reset', times: Infinity });
    await h.run(60_000);
    expect(snapshots.map((s) => s.status.state)).toEqual(['offline']);
  });
});
