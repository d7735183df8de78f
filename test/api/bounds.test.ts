/**
 * Ceilings on one list: a server that pages forever (full pages of new todos, or a
 * count that keeps growing, or one item per page) ends the list with "list too large"
 * instead of growing the app's memory and state file without bound.
 */
import { describe, expect, it } from 'vitest';
import { ListTooLargeError } from '../../electron/main/api/paging';
import { COUNT, envelope, rejection, sendJson, startStub, stubConfig, testClient } from './harness';

interface PageBody {
  pageIndex: number;
  pageSize: number;
}
const item = (id: number) => ({ id, remindTitle: `待办 ${id}`, recipientData: '["b08"]', sate: 0, remindTime: '2025-01-06 09:00:00' });

describe('list ceilings', () => {
  it('an endless pager of new todos stops at the todo ceiling with "list too large"', async () => {
    const stub = await startStub((req, res) => {
      // The count grows with every page, so it never bounds the paging.
      const { pageIndex, pageSize } = req.body as PageBody;
      if (req.path === COUNT) return sendJson(res, envelope(10_000_000));
      sendJson(res, envelope(Array.from({ length: pageSize }, (_, i) => item(pageIndex * 1000 + i + 1))));
    });
    const { client } = testClient(stubConfig(stub, { pageSize: 50, maxTodos: 500 }));
    const error = await rejection(client.listMyOpenTodos('b08'));
    expect(error).toBeInstanceOf(ListTooLargeError);
    expect(error).toMatchObject({ kind: 'bad-response', message: 'list too large: more than 500 todos (the previous list is kept)' });
    expect(stub.requests.filter((r) => r.path !== COUNT && r.path !== '/connect/token')).toHaveLength(11);
  });

  it('a pager of one new todo per page stops at the page ceiling', async () => {
    const stub = await startStub((req, res) => {
      if (req.path === COUNT) return sendJson(res, envelope(10_000_000));
      sendJson(res, envelope([item((req.body as PageBody).pageIndex)]));
    });
    const { client } = testClient(stubConfig(stub, { maxPages: 30 }));
    const error = await rejection(client.listMyOpenTodos('b08'));
    expect(error).toMatchObject({ kind: 'bad-response', message: 'list too large: more than 30 pages (the previous list is kept)' });
  });

  it('defaults: 20,000 todos and 2,000 pages', async () => {
    const stub = await startStub((req, res) => {
      const { pageIndex, pageSize } = req.body as PageBody;
      if (req.path === COUNT) return sendJson(res, envelope(10_000_000));
      sendJson(res, envelope(Array.from({ length: pageSize }, (_, i) => item(pageIndex * 1000 + i + 1))));
    });
    const { client } = testClient(stubConfig(stub));
    const error = await rejection(client.listMyOpenTodos('b08'));
    expect(error.message).toBe('list too large: more than 20000 todos (the previous list is kept)');
  }, 60_000);
});
