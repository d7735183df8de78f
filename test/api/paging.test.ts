import { describe, expect, it } from 'vitest';
import { BadResponseError } from '../../electron/main/api/errors';
import type { Simulator } from '../../electron/main/simulator/index';
import { COUNT, LIST, clientFor, envelope, hits, rejection, sendJson, startStub, stubConfig, testClient, useSimulator, listItem, pageIndexOf, pagedStub, pagesWithBadItems } from './harness';

function seed(sim: Simulator, n: number): number[] {
  return Array.from({ length: n }, (_, i) => sim.admin.addTodo({ remindTitle: `待办 ${i + 1}` }).id);
}

const pageIndexes = (sim: Simulator) =>
  hits(sim, LIST).map((e) => (e.body as { pageIndex: number; pageSize: number }).pageIndex);

describe('paging against the simulator', () => {
  const sim = useSimulator({}, { demoData: false });

  it('reads every page (1-based), asks the count once at the short last page, and stops there', async () => {
    const ids = seed(sim(), 45);
    const { client } = clientFor(sim(), { pageSize: 10 });
    const result = await client.listMyOpenTodos('b08');
    expect(result.todos.map((t) => t.id)).toEqual(ids);
    expect(result).toMatchObject({ pages: 5, skipped: 0 });
    expect(result.incomplete).toBeUndefined();
    expect(pageIndexes(sim())).toEqual([1, 2, 3, 4, 5]);
    expect(hits(sim(), LIST).every((e) => (e.body as { pageSize: number }).pageSize === 10)).toBe(true);
    expect(hits(sim(), COUNT)).toHaveLength(1);
  });

  it('stops on an empty page when the total is an exact multiple of the page size', async () => {
    seed(sim(), 40);
    const { client } = clientFor(sim(), { pageSize: 10 });
    const result = await client.listTodos({ usersate: 0 });
    expect(result.todos).toHaveLength(40);
    expect(pageIndexes(sim())).toEqual([1, 2, 3, 4, 5]);
    expect(hits(sim(), COUNT)).toHaveLength(0);
  });

  it('defaults to pages of 100', async () => {
    seed(sim(), 3);
    const { client } = clientFor(sim());
    await client.listTodos({});
    expect((hits(sim(), LIST)[0]?.body as { pageSize: number }).pageSize).toBe(100);
  });

  it('keeps going when the server caps pageSize (20 < 100 is not the last page)', async () => {
    const ids = seed(sim(), 45);
    sim().admin.setPaging({ cap: 20 });
    const { client } = clientFor(sim());
    const result = await client.listMyOpenTodos('b08');
    expect(result.todos.map((t) => t.id)).toEqual(ids);
    expect(result.pages).toBe(3);
    expect(result.incomplete).toBeUndefined();
    expect(hits(sim(), COUNT)).toHaveLength(1);
  });

  it('ends, without duplicates, when the server ignores pageIndex, and says the list is incomplete', async () => {
    const ids = seed(sim(), 45);
    sim().admin.setPaging({ ignorePageIndex: true });
    const { client, rec } = clientFor(sim(), { pageSize: 10 });
    const result = await client.listTodos({ usersate: 0 });
    expect(result.todos.map((t) => t.id)).toEqual(ids.slice(0, 10));
    expect(result.pages).toBe(2);
    expect(result.incomplete).toBe(true);
    expect(rec.logs.join('\n')).toMatch(/repeated earlier todos.*stopping with 10 of 45/);
  });

  it('ends when the server both caps pageSize and ignores pageIndex', async () => {
    seed(sim(), 45);
    sim().admin.setPaging({ cap: 20, ignorePageIndex: true });
    const { client } = clientFor(sim());
    const result = await client.listTodos({ usersate: 0 });
    expect(result.todos).toHaveLength(20);
    expect(new Set(result.todos.map((t) => t.id)).size).toBe(20);
    expect(result.pages).toBeLessThanOrEqual(3);
    expect(result.incomplete).toBe(true);
  });

  it('is complete in one page when everything fits, even if pageIndex is ignored', async () => {
    seed(sim(), 7);
    sim().admin.setPaging({ ignorePageIndex: true });
    const { client } = clientFor(sim());
    const result = await client.listTodos({ usersate: 0 });
    expect(result).toMatchObject({ pages: 1, skipped: 0 });
    expect(result.todos).toHaveLength(7);
    expect(result.incomplete).toBeUndefined();
  });
});

const item = listItem;

describe('paging against misbehaving servers', () => {
  it('de-duplicates items that shift between pages, the last copy winning', async () => {
    const pages: Record<number, unknown[]> = {
      1: [1, 2, 3].map((id) => item(id)),
      2: [item(3, 'changed'), item(4), item(5)],
      3: [item(6)],
    };
    const stub = await pagedStub(pages, 6);
    const { client } = testClient(stubConfig(stub, { pageSize: 3 }));
    const result = await client.listTodos({});
    expect(result.todos.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.todos.find((t) => t.id === 3)?.title).toBe('changed');
  });

  it('bounds a server that never runs out of full pages by its count', async () => {
    const stub = await startStub((req, res) => {
      if (req.path === COUNT) return sendJson(res, envelope(30));
      const { pageIndex, pageSize } = req.body as { pageIndex: number; pageSize: number };
      sendJson(res, envelope(Array.from({ length: pageSize }, (_, i) => item(pageIndex * 1000 + i + 1))));
    });
    const { client } = testClient(stubConfig(stub, { pageSize: 5 }));
    const result = await client.listTodos({});
    // Asked for the count after 10 full pages; 30/5 + 2 = 8 pages allowed, already exceeded.
    expect(result.pages).toBe(10);
    expect(result.incomplete).toBe(true);
    expect(stub.requests.filter((r) => r.path === COUNT)).toHaveLength(1);
  });

  it('skips bad items, counts them and keeps paging', async () => {
    const stub = await pagedStub(pagesWithBadItems(), 9);
    const { client, rec } = testClient(stubConfig(stub, { pageSize: 3 }));
    const result = await client.listTodos({});
    expect(result.todos.map((t) => t.id)).toEqual([1, 2, 3, 4]);
    expect(result.skipped).toBe(3);
    expect(rec.logs.filter((l) => l.startsWith('skipped todo item'))).toHaveLength(3);
  });

  it('stops on a page identical to an earlier one even when it holds only bad items', async () => {
    const stub = await startStub((req, res) => {
      if (req.path === COUNT) return sendJson(res, envelope(1000));
      sendJson(res, envelope([{ id: 'bad' }, { id: -1 }]));
    });
    const { client } = testClient(stubConfig(stub, { pageSize: 2 }));
    const result = await client.listTodos({});
    expect(result).toMatchObject({ todos: [], skipped: 2, pages: 2 });
  });

  it('takes values: null as an empty page and refuses values that are not a list', async () => {
    let values: unknown = null;
    const stub = await startStub((_req, res) => sendJson(res, envelope(values)));
    const { client } = testClient(stubConfig(stub));
    await expect(client.listTodos({})).resolves.toMatchObject({ todos: [], pages: 1 });
    values = { rows: [] };
    expect(await rejection(client.listTodos({}))).toBeInstanceOf(BadResponseError);
  });

  it('pages until an empty page when the count endpoint fails', async () => {
    const pages: Record<number, unknown[]> = { 1: [item(1), item(2)], 2: [item(3)] };
    const stub = await startStub((req, res) => {
      if (req.path === COUNT) return sendJson(res, { ...envelope(null), succeed: false, errmsg: 200019 });
      sendJson(res, envelope(pages[pageIndexOf(req)] ?? []));
    });
    const { client } = testClient(stubConfig(stub, { pageSize: 5 }));
    const result = await client.listTodos({});
    expect(result.todos.map((t) => t.id)).toEqual([1, 2, 3]);
    expect(result.pages).toBe(3);
  });
});
