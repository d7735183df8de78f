/**
 * The desktop's second way to connect, against a real relay and simulator: two app
 * instances (separate data dirs, like two machines) signed in through enrolment codes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../electron/main/app/app';
import type { TeamRelaySettings } from '../../electron/main/relay-link/team-connection';
import { plainVault } from '../../electron/main/app/plain-vault';
import type { YoumiApp } from '../../electron/main/app/types';
import { createNodeStore } from '../../electron/main/hosts/node-store';
import { runCli } from '../../electron/main/hosts/cli/run';
import { startRelay } from '../src/relay';
import { admin, startEnv, until, type Env } from './harness';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function env(): Promise<Env> {
  const e = await startEnv();
  cleanup.push(() => e.close());
  return e;
}

async function code(e: Env, staff: string): Promise<string> {
  return (await admin<{ code: string }>(e, 'POST', '/admin/enrol', { staff })).body.code;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'relay-desktop-'));
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The app as a host composes it, on its own data dir (one "machine"); `relay` as --relay gives it. */
async function appAt(dataDir: string, relay?: TeamRelaySettings): Promise<YoumiApp> {
  const app = await createApp({
    dataDir,
    store: createNodeStore(dataDir),
    vault: plainVault,
    notifier: { notify: () => {} },
    host: { hideWindow: () => {}, setPinned: () => {}, openExternal: async () => {} },
    log: () => {},
    allowDemo: false,
    ...(relay ? { relay } : {}),
  });
  cleanup.push(() => app.stop());
  await app.start();
  return app;
}

const desktop = (e: Env, enrolment: string, dataDir = tempDir()): Promise<YoumiApp> =>
  appAt(dataDir, { url: e.relay.url, code: enrolment, device: 'test' });

const open = (app: YoumiApp): string[] => app.snapshot().todos.filter((t) => !t.closed).map((t) => t.title).sort();

describe('desktop through the team relay', () => {
  it('shows each staff member their own todos and pushes new ones within a second', async () => {
    const e = await env();
    e.sim.admin.addTodo({ remindTitle: 'b08 todo', recipientData: '["b08"]' });
    e.sim.admin.addTodo({ remindTitle: 'b09 todo', recipientData: '["b09"]' });
    await e.relay.pollNow();
    const a = await desktop(e, await code(e, 'b08'));
    const b = await desktop(e, await code(e, 'b09'));
    expect(open(a)).toEqual(['b08 todo']);
    expect(open(b)).toEqual(['b09 todo']);
    expect(a.snapshot().staff).toBe('b08');
    await until(() => e.relay.hub.connections() === 2, 3000, 'both streams');
    e.sim.admin.addTodo({ remindTitle: 'new for b08', recipientData: '["b08"]' });
    await e.relay.pollNow();
    const seen = Date.now();
    await until(() => open(a).includes('new for b08'), 1000, 'pushed todo');
    expect(Date.now() - seen).toBeLessThan(1000);
    expect(open(b)).toEqual(['b09 todo']);
  });

  it("carries a done mark to the staff member's other device within a second, and replays marks made while the relay was down", async () => {
    const e = await env();
    const t = e.sim.admin.addTodo({ remindTitle: 'shared', recipientData: '["b08"]' });
    const u = e.sim.admin.addTodo({ remindTitle: 'later', recipientData: '["b08"]' });
    await e.relay.pollNow();
    const pc = await desktop(e, await code(e, 'b08'));
    const laptopDir = tempDir();
    const laptop = await desktop(e, await code(e, 'b08'), laptopDir);
    await until(() => e.relay.hub.connections() === 2, 3000, 'both streams');
    const sent = Date.now();
    expect((await pc.dispatch('markDone', [[t.id]])).ok).toBe(true);
    const done = (app: YoumiApp, id: number): boolean => app.snapshot().todos.find((x) => x.id === id)?.local.done === true;
    await until(() => done(laptop, t.id), 1000, 'done on the other device');
    expect(Date.now() - sent).toBeLessThan(1000);

    // The relay goes down; the laptop, restarted meanwhile, marks `u` done while it cannot reach it.
    await laptop.stop();
    const port = Number(new URL(e.relay.url).port);
    await e.relay.close();
    const again = await desktop(e, '', laptopDir); // already signed in: no code needed
    expect((await again.dispatch('markDone', [[u.id]])).ok).toBe(true);
    expect(JSON.parse(readFileSync(join(laptopDir, 'relay-outbox.json'), 'utf8'))).toMatchObject([{ todoId: u.id, kind: 'done' }]);
    // The relay comes back on the same address: the laptop reconnects and replays the mark.
    const back = await startRelay({ dataDir: e.dir, secretKey: 'test key', port, log: () => {} });
    cleanup.push(() => back.close());
    await until(() => JSON.parse(readFileSync(join(laptopDir, 'relay-outbox.json'), 'utf8')).length === 0, 10_000, 'replay');
    const marks = (await back.store.snapshot('b08')).marks;
    expect(marks.find((m) => m.todoId === u.id)).toMatchObject({ done: true });
    expect(marks.find((m) => m.todoId === t.id)).toMatchObject({ done: true });
    // The device token is kept sealed by the host's vault (safeStorage in Electron), never bare.
    expect(readFileSync(join(laptopDir, 'relay-device.json'), 'utf8')).not.toContain('ydt_');
  });

  it('settings: 通过团队服务器 switches the source to the relay, survives a restart, and can be left', async () => {
    const e = await env();
    e.sim.admin.addTodo({ remindTitle: 'via settings', recipientData: '["b08"]' });
    await e.relay.pollNow();
    const dir = tempDir();
    const open1 = await appAt(dir);
    const bad = await open1.dispatch('useRelay', [e.relay.url, 'WRONG-CODE1']);
    expect(bad).toMatchObject({ ok: false, error: { kind: 'auth' } });
    const r = await open1.dispatch('useRelay', [e.relay.url, await code(e, 'b08')]);
    expect(r).toMatchObject({ ok: true, value: { mode: 'account', staffCode: 'b08', relay: { url: e.relay.url, staff: 'b08' } } });
    await open1.dispatch('refresh', []);
    expect(open(open1)).toEqual(['via settings']);
    await open1.stop();

    const again = await desktop(e, '', dir); // restarted: the saved choice still holds
    expect(again.settings().relay).toEqual({ url: e.relay.url, staff: 'b08' });
    expect(open(again)).toEqual(['via settings']);
    const left = await again.dispatch('useRelay', ['', '']);
    expect(left).toMatchObject({ ok: true, value: { relay: null } });
    expect(again.snapshot().status.state).toBe('config-missing');
  });

  it('CLI: `list --relay` signs in with a code and lists only this staff member\'s todos', async () => {
    const e = await env();
    e.sim.admin.addTodo({ remindTitle: 'mine', recipientData: '["b08"]' });
    e.sim.admin.addTodo({ remindTitle: 'not mine', recipientData: '["b09"]' });
    await e.relay.pollNow();
    const dir = tempDir();
    let stdout = '';
    const stderr: string[] = [];
    const io = { stdout: (s: string) => (stdout += s), stderr: (l: string) => stderr.push(l) };
    const rc = await runCli(['list', '--relay', e.relay.url, '--relay-code', await code(e, 'b08'), '--data-dir', dir], io, {});
    expect({ rc, stderr }).toEqual({ rc: 0, stderr: [] });
    expect(stdout).toContain('mine');
    expect(stdout).not.toContain('not mine');
    // Signed in now: later runs need no code.
    stdout = '';
    expect(await runCli(['list', '--relay', e.relay.url, '--data-dir', dir, '--json'], io, {})).toBe(0);
    expect((JSON.parse(stdout) as { title: string }[]).map((x) => x.title)).toEqual(['mine']);
    // `done --relay` from the CLI reaches the relay.
    const id = (JSON.parse(stdout) as { id: number }[])[0]!.id;
    expect(await runCli(['done', String(id), '--relay', e.relay.url, '--data-dir', dir], io, {})).toBe(0);
    const marks = await e.relay.store.snapshot('b08');
    expect(marks.marks).toMatchObject([{ todoId: id, done: true }]);
  });
});
