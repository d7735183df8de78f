/**
 * The relay end to end over loopback: the real simulator as the vendor, the relay on
 * SQLite, devices signed in through the real routes and following the real SSE stream.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { admin, signIn, startEnv, todoMessages, until, type Env } from './harness';

const envs: Env[] = [];
async function env(...args: Parameters<typeof startEnv>): Promise<Env> {
  const e = await startEnv(...args);
  envs.push(e);
  return e;
}
afterEach(async () => {
  await Promise.all(envs.splice(0).map((e) => e.close()));
});

const to = (...staff: string[]): string => JSON.stringify(staff);

function dataDirText(dir: string): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n');
}

describe('relay: credentials', () => {
  it('keeps the client secret encrypted at rest and never logs or sends it', async () => {
    const e = await env();
    e.sim.admin.addTodo({ remindTitle: 'call back', recipientData: to('b08') });
    await e.relay.pollNow();
    const secret = e.sim.credentials.clientSecret;
    const dev = await signIn(e, 'b08');
    const answers = JSON.stringify([await dev.link.snapshot(), await (await fetch(`${e.relay.url}/healthz`)).json()]);
    expect(answers).not.toContain(secret);
    expect(e.logs.join('\n')).not.toContain(secret);
    expect(dataDirText(e.dir)).not.toContain(secret);
    // ... and the relay still holds it usably: it polled.
    expect((await dev.link.snapshot()).todos.map((t) => t.title)).toEqual(['call back']);
  });
});

describe('relay: sign-in and scoping', () => {
  it('exchanges a one-time code for a device token stored only as a hash', async () => {
    const e = await env();
    const { body } = await admin<{ code: string }>(e, 'POST', '/admin/enrol', { staff: 'B08' });
    const r1 = await fetch(`${e.relay.url}/v1/enroll`, { method: 'POST', body: JSON.stringify({ code: body.code.toLowerCase(), device: 'pc' }) });
    const got = (await r1.json()) as { token: string; staff: string };
    expect(r1.status).toBe(200);
    expect(got.staff).toBe('b08');
    const again = await fetch(`${e.relay.url}/v1/enroll`, { method: 'POST', body: JSON.stringify({ code: body.code, device: 'pc2' }) });
    expect(again.status).toBe(401);
    expect(dataDirText(e.dir)).not.toContain(got.token);
    expect(dataDirText(e.dir)).not.toContain(body.code);
    const me = await fetch(`${e.relay.url}/v1/me`, { headers: { authorization: `Bearer ${got.token}` } });
    expect(await me.json()).toMatchObject({ staff: 'b08' });
  });

  it('rate-limits sign-in attempts and refuses unknown tokens', async () => {
    const e = await env();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await fetch(`${e.relay.url}/v1/enroll`, { method: 'POST', body: JSON.stringify({ code: `WRONG-${i}` }) });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const bad = await fetch(`${e.relay.url}/v1/todos`, { headers: { authorization: 'Bearer ydt_nope' } });
    expect(bad.status).toBe(401);
    const none = await fetch(`${e.relay.url}/admin/team.json`);
    expect(none.status).toBe(401);
  });

  it('shows each staff member only their own todos, on every route', async () => {
    const e = await env();
    const a = e.sim.admin.addTodo({ remindTitle: 'for b08', recipientData: to('b08') });
    const b = e.sim.admin.addTodo({ remindTitle: 'for b09', recipientData: to('b09') });
    e.sim.admin.addTodo({ remindTitle: 'for both', recipientData: to('B08 ', 'b09') });
    await e.relay.pollNow();
    const d8 = await signIn(e, 'b08');
    const d9 = await signIn(e, 'b09');
    expect((await d8.link.snapshot()).todos.map((t) => t.title)).toEqual(['for b08', 'for both']);
    expect((await d9.link.snapshot()).todos.map((t) => t.title)).toEqual(['for b09', 'for both']);
    expect(await d8.link.getTodo(b.id)).toBeNull();
    expect((await d8.link.getTodo(a.id))?.title).toBe('for b08');
    // A mark on someone else's todo id only ever lands in the sender's own marks.
    await d8.link.putMarks([{ todoId: b.id, kind: 'done' }]);
    expect((await d9.link.snapshot()).marks).toEqual([]);
    d9.connect();
    await until(() => todoMessages(d9, 'snapshot').length === 1, 3000, 'b09 snapshot');
    const snap = todoMessages(d9, 'snapshot')[0] as Extract<(typeof d9.messages)[0], { type: 'snapshot' }>;
    expect(snap.todos.map((t) => t.title)).toEqual(['for b09', 'for both']);
    await d9.disconnect();
  });

  it('caps request bodies', async () => {
    const e = await env();
    const dev = await signIn(e, 'b08');
    const r = await fetch(`${e.relay.url}/v1/marks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${dev.token}` },
      body: JSON.stringify({ marks: [], pad: 'x'.repeat(100_000) }),
    });
    expect(r.status).toBe(413);
  });
});

describe('relay: one poll for the team', () => {
  it('costs the vendor the same requests for 1 or 30 signed-in staff', async () => {
    const e = await env();
    for (let i = 0; i < 250; i++) e.sim.admin.addTodo({ remindTitle: `t${i}`, recipientData: to(`s${i % 30}`) });
    await e.relay.pollNow();
    const listCalls = (): number => e.sim.admin.requestLog().filter((r) => r.path.endsWith('/GetChargeDaffairesList')).length;
    const before = listCalls();
    await e.relay.pollNow();
    const onePoll = listCalls() - before;
    const devices = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(e, `s${i}`)));
    for (const d of devices) d.connect();
    await until(() => devices.every((d) => todoMessages(d, 'snapshot').length === 1), 5000, 'snapshots');
    const mid = listCalls();
    await e.relay.pollNow();
    expect(listCalls() - mid).toBe(onePoll);
    expect(onePoll).toBe(3); // 250 todos in pages of 100, one poll for everybody
    // No remindStaff filter: the relay asks for the whole team's open todos.
    const bodies = e.sim.admin.requestLog().filter((r) => r.path.endsWith('/GetChargeDaffairesList')).map((r) => r.body as Record<string, unknown>);
    expect(bodies.every((b) => b.remindStaff === undefined && b.usersate === 0)).toBe(true);
    for (const d of devices) expect((todoMessages(d, 'snapshot')[0] as { todos: unknown[] }).todos.length).toBeGreaterThanOrEqual(8);
    await Promise.all(devices.map((d) => d.disconnect()));
  });

  it('applies the confirmed-close rules: handled at once, a vanished todo only after two polls', async () => {
    const e = await env();
    const handled = e.sim.admin.addTodo({ remindTitle: 'will be handled', recipientData: to('b08') });
    const vanishing = e.sim.admin.addTodo({ remindTitle: 'will vanish', recipientData: to('b08') });
    await e.relay.pollNow();
    const dev = await signIn(e, 'b08');
    dev.connect();
    await until(() => todoMessages(dev, 'snapshot').length === 1);
    e.sim.admin.handle(handled.id);
    e.sim.admin.remove(vanishing.id);
    await e.relay.pollNow();
    await until(() => todoMessages(dev, 'remove').length === 1, 3000, 'handled removal');
    expect(todoMessages(dev, 'remove')).toMatchObject([{ id: handled.id, reason: 'handled' }]);
    expect((await dev.link.snapshot()).todos.map((t) => t.id)).toEqual([vanishing.id]);
    await e.relay.pollNow();
    await until(() => todoMessages(dev, 'remove').length === 2, 3000, 'gone removal');
    expect(todoMessages(dev, 'remove')[1]).toMatchObject({ id: vanishing.id, reason: 'gone' });
    await dev.disconnect();
  });

  it('routes a reassigned todo away from its old recipient', async () => {
    const e = await env();
    const t = e.sim.admin.addTodo({ remindTitle: 'moves', recipientData: to('b08') });
    await e.relay.pollNow();
    const d8 = await signIn(e, 'b08');
    const d9 = await signIn(e, 'b09');
    d8.connect();
    d9.connect();
    await until(() => todoMessages(d8, 'snapshot').length === 1 && todoMessages(d9, 'snapshot').length === 1);
    e.sim.admin.updateTodo(t.id, { recipientData: to('b09') });
    await e.relay.pollNow();
    await until(() => todoMessages(d8, 'remove').length === 1 && todoMessages(d9, 'todo').length === 1, 3000, 'reassignment');
    expect(todoMessages(d8, 'remove')[0]).toMatchObject({ id: t.id, reason: 'reassigned' });
    await Promise.all([d8.disconnect(), d9.disconnect()]);
  });
});

describe('relay: the stream', () => {
  it('pushes a change within a second and catches up from the last event id after a reconnect', async () => {
    const e = await env();
    e.sim.admin.addTodo({ remindTitle: 'first', recipientData: to('b08') });
    await e.relay.pollNow();
    const dev = await signIn(e, 'b08');
    dev.connect();
    await until(() => todoMessages(dev, 'snapshot').length === 1);
    e.sim.admin.addTodo({ remindTitle: 'second', recipientData: to('b08') });
    const seen = Date.now();
    await e.relay.pollNow();
    await until(() => todoMessages(dev, 'todo').length === 1, 1000, 'push within a second');
    expect(Date.now() - seen).toBeLessThan(1000);
    await dev.disconnect();
    e.sim.admin.addTodo({ remindTitle: 'while away', recipientData: to('b08') });
    await e.relay.pollNow();
    dev.connect();
    await until(() => todoMessages(dev, 'todo').length === 2, 3000, 'catch-up');
    expect(todoMessages(dev, 'snapshot')).toHaveLength(1); // no full reload
    expect(todoMessages(dev, 'resumed')).toHaveLength(1);
    expect((todoMessages(dev, 'todo')[1] as { todo: { title: string } }).todo.title).toBe('while away');
    await dev.disconnect();
  });

  it('sends keep-alives on an idle stream', async () => {
    const e = await env({ keepAliveMs: 50 });
    const dev = await signIn(e, 'b08');
    const res = await fetch(`${e.relay.url}/v1/stream`, { headers: { authorization: `Bearer ${dev.token}` } });
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes(': keep-alive')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain('event: snapshot');
  });
});

describe('relay: shared marks', () => {
  it("reaches the staff member's other device at once, with who, when and which device", async () => {
    const e = await env();
    const t = e.sim.admin.addTodo({ remindTitle: 'shared', recipientData: to('b08') });
    await e.relay.pollNow();
    const pc = await signIn(e, 'b08', 'pc');
    const laptop = await signIn(e, 'b08', 'laptop');
    const other = await signIn(e, 'b09', 'other');
    laptop.connect();
    other.connect();
    await until(() => todoMessages(laptop, 'snapshot').length === 1 && todoMessages(other, 'snapshot').length === 1);
    const sent = Date.now();
    await pc.link.putMarks([{ todoId: t.id, kind: 'done', clientAt: new Date(sent).toISOString() }]);
    await until(() => todoMessages(laptop, 'mark').length === 1, 1000, 'mark on the other device');
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(todoMessages(laptop, 'mark')[0]).toMatchObject({ mark: { todoId: t.id, done: true, deviceId: pc.deviceId } });
    expect(todoMessages(other, 'mark')).toHaveLength(0);
    const hist = await fetch(`${e.relay.url}/v1/todos/${t.id}/marks`, { headers: { authorization: `Bearer ${laptop.token}` } });
    expect(((await hist.json()) as { history: unknown[] }).history).toMatchObject([{ kind: 'done', deviceId: pc.deviceId }]);
    await Promise.all([laptop.disconnect(), other.disconnect()]);
  });

  it('keeps marks a device replays after being offline; the last to reach the relay wins', async () => {
    const e = await env();
    const t1 = e.sim.admin.addTodo({ remindTitle: 'one', recipientData: to('b08') });
    const t2 = e.sim.admin.addTodo({ remindTitle: 'two', recipientData: to('b08') });
    await e.relay.pollNow();
    const pc = await signIn(e, 'b08', 'pc');
    const laptop = await signIn(e, 'b08', 'laptop');
    // The laptop is offline: it queues a done on t1 and a snooze on t2 with its own times.
    const offlineAt = new Date(Date.now() - 60_000).toISOString();
    const queued = [
      { todoId: t1.id, kind: 'done' as const, clientAt: offlineAt },
      { todoId: t2.id, kind: 'snooze' as const, until: new Date(Date.now() + 3600_000).toISOString(), clientAt: offlineAt },
    ];
    // Meanwhile the pc marks t2 done.
    await pc.link.putMarks([{ todoId: t2.id, kind: 'done' }]);
    pc.connect();
    await until(() => todoMessages(pc, 'snapshot').length === 1);
    await laptop.link.putMarks(queued); // back online: replay
    await until(() => todoMessages(pc, 'mark').length === 2, 1000, 'replayed marks');
    const marks = (await pc.link.snapshot()).marks;
    expect(marks.find((m) => m.todoId === t1.id)).toMatchObject({ done: true, deviceId: laptop.deviceId });
    expect(marks.find((m) => m.todoId === t2.id)).toMatchObject({ kind: 'snooze', done: false, deviceId: laptop.deviceId });
    const hist = await fetch(`${e.relay.url}/v1/todos/${t2.id}/marks`, { headers: { authorization: `Bearer ${pc.token}` } });
    expect(((await hist.json()) as { history: { kind: string; clientAt: string | null }[] }).history).toMatchObject([
      { kind: 'done' },
      { kind: 'snooze', clientAt: offlineAt },
    ]);
    await pc.disconnect();
  });

  it('hands a todo off to a colleague, who then sees it', async () => {
    const e = await env();
    const t = e.sim.admin.addTodo({ remindTitle: 'hand me on', recipientData: to('b08') });
    await e.relay.pollNow();
    const d8 = await signIn(e, 'b08');
    const d9 = await signIn(e, 'b09');
    d9.connect();
    await until(() => todoMessages(d9, 'snapshot').length === 1);
    await d8.link.putMarks([{ todoId: t.id, kind: 'handoff', to: 'B09' }]);
    await until(() => todoMessages(d9, 'todo').length === 1, 1000, 'handed todo');
    expect((await d9.link.snapshot()).todos.map((x) => x.id)).toEqual([t.id]);
    await d9.disconnect();
  });
});

describe('relay: revocation', () => {
  it('cuts a revoked device off at once, stream included', async () => {
    const e = await env();
    const dev = await signIn(e, 'b08');
    dev.connect();
    await until(() => todoMessages(dev, 'snapshot').length === 1);
    const r = await admin(e, 'POST', `/admin/devices/${dev.deviceId}/revoke`);
    expect(r.status).toBe(200);
    await until(() => todoMessages(dev, 'closed').length === 1, 1000, 'stream closed');
    expect(todoMessages(dev, 'closed')[0]).toMatchObject({ reason: 'revoked' });
    await expect(dev.link.snapshot()).rejects.toMatchObject({ kind: 'auth' });
    await dev.disconnect();
  });
});

describe('relay: supervisors', () => {
  it('shows per staff member open, overdue and handled-today counts, and the overdue todos', async () => {
    const e = await env();
    const past = '2020-01-01T09:00:00+08:00';
    const future = new Date(Date.now() + 86_400_000).toISOString().replace('Z', '+00:00');
    const late = e.sim.admin.addTodo({ remindTitle: 'late', recipientData: to('b08'), remindTime: past });
    e.sim.admin.addTodo({ remindTitle: 'later', recipientData: to('b08'), remindTime: future });
    const done = e.sim.admin.addTodo({ remindTitle: 'done today', recipientData: to('b09'), remindTime: past });
    await e.relay.pollNow();
    const d9 = await signIn(e, 'b09');
    await d9.link.putMarks([{ todoId: done.id, kind: 'done' }]);
    const { status, body } = await admin<{ staff: { staff: string; open: number; overdue: number; handledToday: number; overdueTodos: { id: number }[] }[] }>(
      e,
      'GET',
      '/admin/team.json',
    );
    expect(status).toBe(200);
    expect(body.staff.find((s) => s.staff === 'b08')).toMatchObject({ open: 2, overdue: 1, handledToday: 0, overdueTodos: [{ id: late.id }] });
    expect(body.staff.find((s) => s.staff === 'b09')).toMatchObject({ open: 0, overdue: 0, handledToday: 1 });
    const page = await fetch(`${e.relay.url}/admin`);
    expect(await page.text()).not.toContain('late'); // the page carries no data without the token
  });
});
