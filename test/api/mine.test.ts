import { describe, expect, it } from 'vitest';
import { isAddressedTo, isMine } from '../../electron/main/api/mine';
import { parseTodoItem } from '../../electron/main/api/parse';
import type { Todo } from '../../shared/todo';
import { LIST, clientFor, envelope, sendJson, startStub, stubConfig, testClient, useSimulator } from './harness';

function wire(id: number, sate: unknown, recipientData: unknown) {
  return { id, remindTitle: `t${id}`, sate, recipientData };
}

function todo(raw: unknown): Todo {
  const r = parseTodoItem(raw);
  if (!r.ok) throw new Error(r.reason);
  return r.todo;
}

describe('mine', () => {
  it('is open and addressed to the staff code, ignoring case and blanks', () => {
    expect(isMine(todo(wire(1, 0, '["b08"]')), 'b08')).toBe(true);
    expect(isMine(todo(wire(1, 0, '["B08"]')), ' b08 ')).toBe(true);
    expect(isMine(todo(wire(1, 1, '["b08"]')), 'b08')).toBe(false);
    expect(isMine(todo(wire(1, 0, '["b11"]')), 'b08')).toBe(false);
    expect(isMine(todo(wire(1, 9, '["b08"]')), 'b08')).toBe(false);
    expect(isAddressedTo(todo(wire(1, 2, '["b08"]')), 'b08')).toBe(true);
  });

  it('keeps only open todos addressed to the staff member, whatever the server returned', async () => {
    // A server that ignores remindStaff and usersate and returns everything.
    const stub = await startStub((_req, res) =>
      sendJson(
        res,
        envelope([
          wire(1, 0, '["b08"]'),
          wire(2, 0, '["b11"]'),
          wire(3, 1, '["b08"]'),
          wire(4, 2, '["b08","b11"]'),
          wire(5, 0, '["b11","B08"]'),
          wire(6, 0, 'b08'),
          wire(7, 7, '["b08"]'),
          wire(8, '0', ['b08']),
        ]),
      ),
    );
    const { client, rec } = testClient(stubConfig(stub));
    const result = await client.listMyOpenTodos('b08');
    // #6's recipientData 'b08' is not JSON but plainly names the staff member: kept.
    expect(result.todos.map((t) => t.id)).toEqual([1, 5, 6, 8]);
    const listCall = stub.requests.find((r) => r.path === LIST);
    expect(listCall?.body).toMatchObject({ remindStaff: 'b08', usersate: 0, pageIndex: 1, pageSize: 100 });
    expect(rec.logs.join('\n')).toMatch(/left out 4 todos/);
  });

  it('matches the simulator: open todos whose recipients include the staff code', async () => {
    // fresh state from the demo seed: a mix of open, handled, cancelled and other staff's todos
    const sim = await import('../../electron/main/simulator/index').then((m) => m.startSimulator({ port: 0 }));
    try {
      const expected = sim.admin
        .todos()
        .filter((t) => t.sate === 0 && (JSON.parse(t.recipientData) as string[]).includes(sim.demoStaff))
        .map((t) => t.id);
      expect(expected.length).toBeGreaterThan(5);
      expect(sim.admin.todos().length).toBeGreaterThan(expected.length);
      const { client } = clientFor(sim);
      const result = await client.listMyOpenTodos(sim.demoStaff);
      expect(result.todos.map((t) => t.id).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    } finally {
      await sim.close();
    }
  });
});

describe('mine against the simulator after changes', () => {
  const sim = useSimulator();

  it('drops a todo once it is handled or cancelled, and picks up a new one', async () => {
    const { client } = clientFor(sim());
    const before = (await client.listMyOpenTodos('b08')).todos.map((t) => t.id);
    const [first, second] = before;
    if (first === undefined || second === undefined) throw new Error('demo data has fewer than two open todos');
    sim().admin.handle(first);
    sim().admin.cancel(second);
    const added = sim().admin.addTodo({ remindTitle: '新待办' }).id;
    const after = (await client.listMyOpenTodos('b08')).todos.map((t) => t.id);
    expect(after).not.toContain(first);
    expect(after).not.toContain(second);
    expect(after).toContain(added);
    expect(after).toHaveLength(before.length - 1);
  });
});
