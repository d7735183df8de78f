/**
 * The relay on PostgreSQL (DATABASE_URL), against a real server: `.ci/run` starts Debian's
 * postgresql on loopback and exports RELAY_TEST_DATABASE_URL. Each run works in a database
 * of its own, dropped afterwards. Without that variable these tests do not run (one line
 * says so) except in CI, where that is a failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../electron/main/simulator/index';
import { openStore } from '../src/relay';
import { signIn, startEnv, todoMessages, until, type Env } from './harness';

const BASE_URL = process.env.RELAY_TEST_DATABASE_URL;
const IN_CI = process.env.CI === 'true';

if (!BASE_URL && !IN_CI) {
  console.log('relay Postgres tests did not run: RELAY_TEST_DATABASE_URL is not set (.ci/run starts PostgreSQL and sets it)');
}

describe.runIf(!BASE_URL && IN_CI)('relay on PostgreSQL in CI', () => {
  it('has a PostgreSQL server', () => {
    throw new Error('RELAY_TEST_DATABASE_URL is not set: .ci/run must start PostgreSQL for the relay tests');
  });
});

describe.runIf(!!BASE_URL)('relay on PostgreSQL', () => {
  let url = '';
  const dbName = `relay_t_${process.pid}_${Date.now().toString(36)}`;
  let sim: Simulator;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(BASE_URL!);
    u.pathname = `/${dbName}`;
    url = u.href;
    sim = await startSimulator({ port: 0, demoData: false });
  });
  afterAll(async () => {
    await sim?.close();
    const admin = new pg.Client({ connectionString: BASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  const envs: Env[] = [];
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    await Promise.all(envs.splice(0).map((e) => e.close()));
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    // A clean database for the next test.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await c.end();
    sim.admin.reset({ demoData: false });
  });
  const instance = async (): Promise<Env> => {
    const e = await startEnv({ sim, databaseUrl: url });
    envs.push(e);
    return e;
  };

  it('runs the migrations once and serves a device end to end', async () => {
    const e = await instance();
    const versions = await e.relay.store.db.all<{ version: number }>('SELECT version FROM relay_migrations');
    expect(versions.map((v) => Number(v.version))).toEqual([1]);
    sim.admin.addTodo({ remindTitle: 'on postgres', recipientData: '["b08"]' });
    await e.relay.pollNow();
    const dev = await signIn(e, 'b08');
    dev.connect();
    await until(() => todoMessages(dev, 'snapshot').length === 1, 5000, 'snapshot');
    expect((todoMessages(dev, 'snapshot')[0] as { todos: { title: string }[] }).todos.map((t) => t.title)).toEqual(['on postgres']);
    const [t] = (await dev.link.snapshot()).todos;
    await dev.link.putMarks([{ todoId: t!.id, kind: 'done' }]);
    await until(() => todoMessages(dev, 'mark').length === 1, 1000, 'mark');
    await dev.disconnect();
  });

  it('two instances on one database: exactly one polls, and changes reach devices on both', async () => {
    const a = await instance();
    const b = await instance();
    await until(() => a.relay.isPolling() !== b.relay.isPolling(), 5000, 'one poller');
    const [poller, other] = a.relay.isPolling() ? [a, b] : [b, a];
    const onPoller = await signIn(poller, 'b08');
    const onOther = await signIn(other, 'b08', 'second');
    onPoller.connect();
    onOther.connect();
    await until(() => todoMessages(onPoller, 'snapshot').length === 1 && todoMessages(onOther, 'snapshot').length === 1, 5000, 'snapshots');
    sim.admin.addTodo({ remindTitle: 'fan out', recipientData: '["b08"]' });
    const seen = Date.now();
    await poller.relay.pollNow();
    await until(() => todoMessages(onOther, 'todo').length === 1 && todoMessages(onPoller, 'todo').length === 1, 1000, 'both devices');
    expect(Date.now() - seen).toBeLessThan(1000);
    // A mark made on one instance reaches a device on the other (LISTEN/NOTIFY).
    const id = (todoMessages(onOther, 'todo')[0] as { todo: { id: number } }).todo.id;
    await onPoller.link.putMarks([{ todoId: id, kind: 'done' }]);
    await until(() => todoMessages(onOther, 'mark').length === 1, 1000, 'mark across instances');
    await Promise.all([onPoller.disconnect(), onOther.disconnect()]);
  });

  it('kill the polling instance: the other takes over within one interval and desktops on both keep receiving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-pg-'));
    dirs.push(dir);
    const store = await openStore({ dataDir: dir, databaseUrl: url, secretKey: 'test key' });
    await store.saveCredentials({ baseUrl: sim.url, tokenUrl: sim.tokenUrl, clientId: sim.credentials.clientId, clientSecret: sim.credentials.clientSecret });
    const adminToken = await store.createAdminToken();
    const codes = [await store.enrol('b08'), await store.enrol('b08')];
    await store.db.close();

    const lockRetryMs = 500;
    const start = async (): Promise<{ child: ChildProcess; url: string }> => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'relay/src/main.ts', '--port', '0', '--data-dir', dir], {
        env: { ...process.env, DATABASE_URL: url, RELAY_SECRET_KEY: 'test key', RELAY_LOCK_RETRY_MS: String(lockRetryMs), RELAY_POLL_SEC: '60' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      const lines = createInterface({ input: child.stdout! });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child.once('exit', (c) => reject(new Error(`relay exited with ${c}`)));
      });
      lines.on('line', () => {}); // keep draining
      const m = /^listening (http:\/\/\S+)$/.exec(first);
      if (!m) throw new Error(`unexpected first line: ${first}`);
      return { child, url: m[1]! };
    };
    const health = async (u: string): Promise<{ polling: boolean }> => (await fetch(`${u}/healthz`)).json() as Promise<{ polling: boolean }>;
    const poll = (u: string): Promise<Response> => fetch(`${u}/admin/poll`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });

    const [x, y] = await Promise.all([start(), start()]);
    let states: boolean[] = [];
    for (let i = 0; i < 100 && states.filter(Boolean).length !== 1; i++) {
      states = [(await health(x.url)).polling, (await health(y.url)).polling];
      if (states.filter(Boolean).length !== 1) await new Promise((r) => setTimeout(r, 100));
    }
    expect(states.filter(Boolean)).toHaveLength(1);
    const [poller, standby] = states[0] ? [x, y] : [y, x];

    // One desktop on each instance (an Env-like shim so signIn's helpers work with codes made above).
    const { enrolDevice, relayLink } = await import('../../electron/main/relay-link/link');
    const devices = await Promise.all(
      [poller, standby].map(async (inst, i) => {
        const got = await enrolDevice(inst.url, codes[i]!.code, `pc${i}`);
        const messages: { type: string }[] = [];
        let link = relayLink(inst.url, got.token);
        let handle = link.stream((m) => messages.push(m));
        return {
          messages,
          token: got.token,
          last: () => handle.lastEventId(),
          /** What a load balancer does when an instance dies: the next connection goes to a live one. */
          async moveTo(u: string) {
            const last = handle.lastEventId();
            handle.close();
            await handle.done;
            link = relayLink(u, got.token);
            handle = link.stream((m) => messages.push(m), { lastEventId: last });
          },
          close: () => handle.close(),
        };
      }),
    );
    const count = (d: { messages: { type: string }[] }, t: string): number => d.messages.filter((m) => m.type === t).length;
    await until(() => devices.every((d) => count(d, 'snapshot') === 1), 5000, 'snapshots');

    sim.admin.addTodo({ remindTitle: 'before the kill', recipientData: '["b08"]' });
    expect((await poll(poller.url)).status).toBe(200);
    await until(() => devices.every((d) => count(d, 'todo') === 1), 2000, 'first change on both');

    poller.child.kill('SIGKILL');
    const killedAt = Date.now();
    let took = false;
    while (!took && Date.now() - killedAt < 5000) {
      took = (await health(standby.url)).polling;
      if (!took) await new Promise((r) => setTimeout(r, 50));
    }
    expect(took).toBe(true);
    // "Within one interval": the standby tries the lock every lockRetryMs.
    expect(Date.now() - killedAt).toBeLessThan(lockRetryMs * 2 + 1500);

    sim.admin.addTodo({ remindTitle: 'after the kill', recipientData: '["b08"]' });
    expect((await poll(standby.url)).status).toBe(200);
    await devices[0]!.moveTo(standby.url); // its instance died: reconnect through the balancer
    await until(() => devices.every((d) => count(d, 'todo') === 2), 3000, 'second change on both');
    expect(count(devices[0]!, 'snapshot')).toBe(1); // caught up from its last event id, no reload
    expect(count(devices[0]!, 'resumed')).toBe(1);
    for (const d of devices) d.close();
  }, 60_000);
});
