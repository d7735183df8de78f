/**
 * The poll's listing (listMyOpenTodos) read again: unchanged items are not parsed again
 * and come back as the very same Todo objects; everything paging guarantees still holds.
 */
import { describe, expect, it } from 'vitest';
import type { Todo } from '../../shared/todo';
import type { Simulator } from '../../electron/main/simulator/index';
import { COUNT, clientFor, envelope, sendJson, startStub, stubConfig, testClient, useSimulator, listItem, pagedStub, pagesWithBadItems } from './harness';

const byId = (todos: Todo[]) => new Map(todos.map((t) => [t.id, t]));

/** Ids whose object differs between two listings (or is new in the second). */
function renewed(before: Todo[], after: Todo[]): number[] {
  const old = byId(before);
  return after.filter((t) => old.get(t.id) !== t).map((t) => t.id);
}

function seed(sim: Simulator, ids: number[]): void {
  for (const id of ids) sim.admin.addTodo({ id, remindTitle: `待办 ${id}` });
}

describe('the poll listing against the simulator', () => {
  const sim = useSimulator({}, { demoData: false });

  it('gives back the same Todo objects when nothing changed, and a new one only for the item that did', async () => {
    seed(sim(), [101, 102, 103, 104, 105, 106, 107]);
    const { client } = clientFor(sim(), { pageSize: 3 });
    const first = await client.listMyOpenTodos('b08');
    const second = await client.listMyOpenTodos('b08');
    expect(second.todos.map((t) => t.id)).toEqual([101, 102, 103, 104, 105, 106, 107]);
    expect(renewed(first.todos, second.todos)).toEqual([]);

    sim().admin.updateTodo(105, { remindTitle: '改过的标题' });
    const third = await client.listMyOpenTodos('b08');
    expect(renewed(second.todos, third.todos)).toEqual([105]);
    expect(byId(third.todos).get(105)!.title).toBe('改过的标题');
  });

  it('an item inserted on page 1 shifts the others across page boundaries: each is still listed once, as the same object', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => 101 + i);
    seed(sim(), ids);
    const { client } = clientFor(sim(), { pageSize: 10 });
    const before = await client.listMyOpenTodos('b08');
    sim().admin.addTodo({ id: 50, remindTitle: '插在第一页' });
    const after = await client.listMyOpenTodos('b08');
    expect(after.todos.map((t) => t.id)).toEqual([50, ...ids]);
    expect(after).toMatchObject({ pages: 3, skipped: 0 });
    expect(after.incomplete).toBeUndefined();
    expect(renewed(before.todos, after.todos)).toEqual([50]);
  });

  it('a listing by another filter (a lookup by id) neither uses nor disturbs the poll\'s items', async () => {
    seed(sim(), [101, 102]);
    const { client } = clientFor(sim());
    const first = await client.listMyOpenTodos('b08');
    const looked = await client.getTodo(101);
    expect(looked).toEqual(byId(first.todos).get(101));
    expect(looked).not.toBe(byId(first.todos).get(101));
    const second = await client.listMyOpenTodos('b08');
    expect(renewed(first.todos, second.todos)).toEqual([]);
  });
});

const item = listItem;

describe('the poll listing against misbehaving servers', () => {
  it('skips, counts and logs bad items on every listing, while the good ones are reused', async () => {
    const stub = await pagedStub(pagesWithBadItems(), 9);
    const { client, rec } = testClient(stubConfig(stub, { pageSize: 3 }));
    const first = await client.listMyOpenTodos('b08');
    const second = await client.listMyOpenTodos('b08');
    for (const r of [first, second]) {
      expect(r.todos.map((t) => t.id)).toEqual([1, 2, 3, 4]);
      expect(r.skipped).toBe(3);
    }
    expect(rec.logs.filter((l) => l.startsWith('skipped todo item'))).toHaveLength(6);
    expect(renewed(first.todos, second.todos)).toEqual([]);
  });

  it('the same id twice in one listing (a shift while reading): the last copy wins, on every listing', async () => {
    const pages: Record<number, unknown[]> = {
      1: [1, 2, 3].map((id) => item(id)),
      2: [item(3, 'changed'), item(4), item(5)],
      3: [item(6)],
    };
    const stub = await pagedStub(pages, 6);
    const { client } = testClient(stubConfig(stub, { pageSize: 3 }));
    for (let i = 0; i < 2; i++) {
      const r = await client.listMyOpenTodos('b08');
      expect(r.todos.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(byId(r.todos).get(3)!.title).toBe('changed');
    }
    pages[2]![0] = item(3);
    const r = await client.listMyOpenTodos('b08');
    expect(byId(r.todos).get(3)!.title).toBe('t3');
  });

  it('a server that ignores pageIndex: incomplete on every listing, the repeated page not counted twice', async () => {
    const stub = await startStub((req, res) => {
      if (req.path === COUNT) return sendJson(res, envelope(45));
      sendJson(res, envelope([item(1), item(2), { id: 'bad' }]));
    });
    const { client, rec } = testClient(stubConfig(stub, { pageSize: 3 }));
    const first = await client.listMyOpenTodos('b08');
    const second = await client.listMyOpenTodos('b08');
    for (const r of [first, second]) expect(r).toMatchObject({ skipped: 1, pages: 2, incomplete: true });
    expect(renewed(first.todos, second.todos)).toEqual([]);
    expect(rec.logs.filter((l) => l.startsWith('skipped todo item'))).toHaveLength(2);
  });

  it('an item whose fields change order or type is parsed again (a field\'s spelling may win by order)', async () => {
    let values: unknown[] = [{ id: 7, remindTitle: 'a', wechatNick: '甲', ad_wechat_nick: '乙', recipientData: '["b08"]', sate: 0 }];
    const stub = await startStub((_req, res) => sendJson(res, envelope(values)));
    const { client } = testClient(stubConfig(stub));
    const first = await client.listMyOpenTodos('b08');
    values = [{ id: 7, remindTitle: 'a', ad_wechat_nick: '乙', wechatNick: '甲', recipientData: '["b08"]', sate: '0' }];
    const second = await client.listMyOpenTodos('b08');
    expect(renewed(first.todos, second.todos)).toEqual([7]);
    expect(second.todos[0]).toEqual(first.todos[0]);
  });
});
