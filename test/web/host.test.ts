/**
 * The browser host (`npm run demo:web`) as a real process: the static server (CSP, the
 * injected bridge script, no way out of out/web), the WebSocket bridge (Origin check, the
 * validating dispatcher, snapshot events) over loopback, the in-process demo simulator
 * behind it, and a clean exit on SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SnapshotMessage } from '../../shared/contract/delta';
import { createSnapshotReceiver } from '../../shared/contract/delta-apply';
import type { ReminderEvent, Snapshot } from '../../shared/contract/types';
import type { Result } from '../../shared/errors';
import { formatChinaTime } from '../../electron/main/simulator/china-time';
import { contentSecurityPolicy } from '../../electron/main/hosts/web/static';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = 'electron/main/hosts/web/main.ts';
const OUT = join(ROOT, 'out/web');

/** No YOUMI_* from the developer's shell: the host must start in demo mode. */
const baseEnv = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('YOUMI_')));

interface Host {
  child: ChildProcess;
  url: string;
  port: number;
  /** This start's bridge token (from the printed address's fragment). */
  token: string;
  origin: string;
  simUrl: string;
  /** The demo simulator's admin API (a random path per start). */
  adminUrl: string;
  staff: string;
  lines: string[];
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startHost(dataDir: string): Promise<Host> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--no-build', '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    // A Chinese machine: a page in English must still get English reminders.
    env: { ...baseEnv(), LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines: string[] = [];
  const rl = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${stderr}`)), 45_000);
    void exited.then(({ code }) => reject(new Error(`browser host exited with ${code}:\n${stderr}`)));
    rl.on('line', (line) => {
      lines.push(line);
      if (lines.some((l) => l.startsWith('demo mode:'))) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  const url = lines[0]!;
  const demo = /^demo mode: simulator (http:\/\/127\.0\.0\.1:\d+) \(admin API (\S+)\/todos\), staff (\S+)$/.exec(lines[1] ?? '');
  return {
    child,
    url,
    port: Number(new URL(url).port),
    token: new URLSearchParams(new URL(url).hash.slice(1)).get('token') ?? '',
    origin: new URL(url).origin,
    simUrl: demo?.[1] ?? '',
    adminUrl: demo?.[2] ?? '',
    staff: demo?.[3] ?? '',
    lines,
    stderr: () => stderr,
    exited,
  };
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the target sent exactly as given (fetch would normalise "/../"). */
function raw(port: number, path: string, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

type Incoming = { type: 'result'; id: number; result: Result<unknown> } | { type: 'event'; channel: string; payload: unknown };

/** One page's end of the bridge: every message kept, waiters for the next matching one. */
class Page {
  readonly messages: Incoming[] = [];
  private waiters: { match: (m: Incoming) => boolean; resolve: (m: Incoming) => void }[] = [];
  private nextId = 1;
  /** Snapshot events arrive as a full snapshot, then deltas: kept here as the complete snapshots the page sees. */
  private readonly snapshots = createSnapshotReceiver(
    (s) => (this.rebuilt = s),
    () => this.ws.send(JSON.stringify({ type: 'snapshot-resync' })),
  );
  private rebuilt: Snapshot | null = null;
  /** Bytes of each snapshot message as sent. */
  readonly snapshotBytes: number[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as Incoming;
      if (msg.type === 'event' && msg.channel === 'snapshot') {
        this.snapshotBytes.push(String(data).length);
        this.rebuilt = null;
        this.snapshots.receive(msg.payload as SnapshotMessage);
        if (!this.rebuilt) return; // a delta after a gap: dropped until the full snapshot comes
        msg.payload = this.rebuilt;
      }
      this.messages.push(msg);
      for (const w of [...this.waiters]) {
        if (w.match(msg)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(msg);
        }
      }
    });
  }

  /** Opens a socket; resolves once open, with the messages that arrive from then on recorded. */
  static open(host: Host, origin: string | null, headers: Record<string, string> = {}): Promise<Page> {
    const ws = new WebSocket(bridgeUrl(host, host.token), origin === null ? { headers } : { origin, headers });
    const page = new Page(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(page));
      ws.once('error', reject);
    });
  }

  /** The first message (already received or still to come) that matches. */
  next(match: (m: Incoming) => boolean, what: string, from = 0): Promise<Incoming> {
    const had = this.messages.slice(from).find(match);
    if (had) return Promise.resolve(had);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within 10 s`)), 10_000);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** A snapshot event arriving after now that satisfies `test`. */
  snapshotWhere(test: (s: Snapshot) => boolean, what: string): Promise<Snapshot> {
    return this.next((m) => m.type === 'event' && m.channel === 'snapshot' && test(m.payload as Snapshot), what, this.messages.length).then(
      (m) => (m as { payload: Snapshot }).payload,
    );
  }

  send(text: string): void {
    this.ws.send(text);
  }

  async call<T>(method: unknown, ...args: unknown[]): Promise<Result<T>> {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ type: 'call', id, method, args }));
    const m = await this.next((x) => x.type === 'result' && x.id === id, `result of ${String(method)}`);
    return (m as { result: Result<T> }).result;
  }

  async value<T>(method: string, ...args: unknown[]): Promise<T> {
    const r = await this.call<T>(method, ...args);
    if (!r.ok) throw new Error(`${method}: ${r.error.kind} ${r.error.detail}`);
    return r.value;
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

const bridgeUrl = (host: Host, token: string | null): string =>
  `ws://127.0.0.1:${host.port}/bridge${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;

/** How a socket that never opens ends: the status the upgrade got, or the error. */
function refused(host: Host, origin: string | null, token: string | null = host.token): Promise<string> {
  const ws = new WebSocket(bridgeUrl(host, token), origin === null ? {} : { origin });
  return new Promise((resolve) => {
    ws.once('open', () => {
      ws.close();
      resolve('opened');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(`status ${res.statusCode}`);
      res.resume();
      ws.terminate();
    });
    ws.once('error', (e) => resolve(`error ${e.message}`));
  });
}

let host: Host;
let dataDir: string;
const pages: Page[] = [];
const page = async (origin: string | null = host.origin, headers: Record<string, string> = {}): Promise<Page> => {
  const p = await Page.open(host, origin, headers);
  pages.push(p);
  return p;
};

beforeAll(async () => {
  if (!existsSync(join(OUT, 'index.html')) || !existsSync(join(OUT, 'youmi-web-bridge.js'))) {
    const built = spawnSync(process.execPath, ['--import', 'tsx', MAIN, '--build-only'], { cwd: ROOT, env: baseEnv(), encoding: 'utf8', timeout: 170_000 });
    if (built.status !== 0) throw new Error(`building out/web failed:\n${built.stderr}`);
  }
  dataDir = mkdtempSync(join(tmpdir(), 'youmi-web-'));
  host = await startHost(dataDir);
}, 180_000);

afterAll(async () => {
  for (const p of pages) await p.close();
  if (host && host.child.exitCode === null && host.child.signalCode === null) {
    host.child.kill('SIGKILL');
    await host.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('browser host', { timeout: 30_000 }, () => {
  it('prints its URL first, then the demo simulator and staff', () => {
    expect(host.lines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{43}$/);
    expect(host.port).toBeGreaterThan(0);
    expect(host.lines[1]).toBe(`demo mode: simulator ${host.simUrl} (admin API ${host.adminUrl}/todos), staff b08`);
    // The admin API of the demo is under a random path, not the well-known one.
    expect(host.adminUrl).toMatch(new RegExp(`^${host.simUrl}/_admin-[0-9a-f]{32}$`));
    expect(host.staff).toBe('b08');
  });

  it('prints a REMIND line per reminder in its terminal; the banner says where reminders show (issue 11 item 8)', async () => {
    await vi.waitFor(() => expect(host.lines.some((l) => l.startsWith('REMIND '))).toBe(true), { timeout: 15_000 });
    expect(host.lines.findIndex((l) => l.startsWith('REMIND '))).toBeGreaterThan(1);
    expect(host.lines.join('\n')).toMatch(/reminders show there while a tab is open \(the first click asks for notification permission\)|标签页开着时提醒会在页面上显示（第一次点击时会请求通知权限）/);
  });

  it('keeps the reminders raised while no page was open and sends them to the first page that connects', async () => {
    const p = await page();
    const kept = await p.next((m) => m.type === 'event' && m.channel === 'reminder', 'a kept reminder');
    const printed = host.lines.filter((l) => l.startsWith('REMIND ')).map((l) => Number(l.split(' ')[2]!.slice(1)));
    const ids = (kept as { payload: ReminderEvent }).payload.todoIds;
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => printed.includes(id))).toBe(true);
  });

  it("speaks the page's language in its reminders and REMIND lines, not the host machine's (issue 11)", async () => {
    const p = await page(host.origin, { 'accept-language': 'en-US,en;q=0.9' });
    const title = `page language ${Date.now()}`;
    const res = await fetch(`${host.adminUrl}/todos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ remindTitle: title, recipientData: '["b08"]', remindTime: formatChinaTime(Date.now() - 5 * 60_000) }),
    });
    const { id } = (await res.json()) as { id: number };
    const from = p.messages.length;
    expect(await p.call('refresh')).toEqual({ ok: true, value: null });
    const m = await p.next((x) => x.type === 'event' && x.channel === 'reminder' && (x.payload as ReminderEvent).todoIds.includes(id), 'the reminder', from);
    const reminder = (m as { payload: ReminderEvent }).payload;
    expect(reminder.body).toMatch(/^Customer: /m);
    expect(reminder.body).not.toMatch(/客户：/);
    await vi.waitFor(() => expect(host.lines.find((l) => l.includes(`#${id} `))).toMatch(/\(\d+ min late\)$/), { timeout: 10_000 });
  });

  describe('static files', () => {
    it('serves the window with the CSP header and the bridge script before the app script', async () => {
      const r = await raw(host.port, '/');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['content-security-policy']).toBe(contentSecurityPolicy(host.port));
      expect(r.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
      expect(r.headers['content-security-policy']).toContain("script-src 'self';");
      expect(r.headers['x-content-type-options']).toBe('nosniff');

      const bridgeTag = '<script src="./youmi-web-bridge.js"></script>';
      const bridgeAt = r.body.indexOf(bridgeTag);
      const appAt = r.body.indexOf('<script type="module"');
      expect(bridgeAt).toBeGreaterThan(0);
      expect(appAt).toBeGreaterThan(bridgeAt);
      expect(r.body.split(bridgeTag)).toHaveLength(2);

      const index = await raw(host.port, '/index.html');
      expect(index.body).toBe(r.body);
    });

    it('serves the bridge script and the app’s assets with their types', async () => {
      const bridge = await raw(host.port, '/youmi-web-bridge.js');
      expect(bridge.status).toBe(200);
      expect(bridge.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(bridge.body).toContain('/bridge');

      const index = await raw(host.port, '/');
      const asset = /src="\.(\/assets\/[^"]+\.js)"/.exec(index.body)?.[1];
      expect(asset).toBeDefined();
      const js = await raw(host.port, asset!);
      expect(js.status).toBe(200);
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    });

    it.each([
      '/../package.json',
      '/%2e%2e/package.json',
      '/../../package.json',
      '/%2e%2e/%2e%2e/package.json',
      '/..%2f..%2fpackage.json',
      '/%2e%2e%2f%2e%2e%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/..%5c..%5cpackage.json',
      '/%2fetc%2fpasswd',
      '/nope.html',
      '/assets',
    ])('answers 404 for %s', async (path) => {
      const r = await raw(host.port, path);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('youmi-todo');
      expect(r.body).not.toContain('root:');
    });

    it('answers 404 to anything but GET and HEAD', async () => {
      expect((await raw(host.port, '/', 'POST')).status).toBe(404);
      expect((await raw(host.port, '/', 'DELETE')).status).toBe(404);
      const head = await raw(host.port, '/', 'HEAD');
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
    });

    it('survives request targets that do not parse (a malformed escape, an empty authority)', async () => {
      for (const path of ['/%E0%A4%A', '/%', '//', '/\\']) {
        expect((await raw(host.port, path)).status).toBe(404);
      }
      expect((await raw(host.port, '/')).status).toBe(200);
    });
  });

  describe('WebSocket bridge', () => {
    it('sends a snapshot at once to a page of this host, and answers getSnapshot', async () => {
      const p = await page();
      const first = await p.next(() => true, 'first message');
      expect(first).toMatchObject({ type: 'event', channel: 'snapshot' });
      const pushed = (first as { payload: Snapshot }).payload;
      expect(pushed.demo).toBe(true);
      expect(pushed.staff).toBe('b08');

      const s = await p.value<Snapshot>('getSnapshot');
      expect(s.demo).toBe(true);
      expect(s.status.state).toBe('ok');
      expect(s.todos.length).toBeGreaterThan(0);
      expect(s.todos.every((t) => t.recipients.includes('b08'))).toBe(true);
    });

    it('accepts the localhost spelling of its own origin too', async () => {
      const p = await page(`http://localhost:${host.port}`);
      expect(await p.call('getSnapshot')).toMatchObject({ ok: true });
    });

    it('marks done and undoes, and every page sees it in a snapshot event', async () => {
      const p = await page();
      const other = await page();
      const s = await p.value<Snapshot>('getSnapshot');
      const id = s.todos.find((t) => !t.local.done && t.closed === null)!.id;
      const doneOf = (x: Snapshot) => x.todos.find((t) => t.id === id)?.local;

      const doneHere = p.snapshotWhere((x) => doneOf(x)?.done === true, 'snapshot with the done mark');
      const doneThere = other.snapshotWhere((x) => doneOf(x)?.done === true, 'snapshot with the done mark (other page)');
      expect(await p.call('markDone', [id])).toEqual({ ok: true, value: null });
      const after = await doneHere;
      expect(doneOf(after)).toEqual({ done: true, doneAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), snoozedUntil: null });
      expect(doneOf(await doneThere)?.done).toBe(true);
      // The whole list came once; the done mark came as a delta of that todo's marks.
      expect(p.snapshotBytes.at(-1)).toBeLessThan(2048);
      expect(p.snapshotBytes[0]).toBeGreaterThan(5 * p.snapshotBytes.at(-1)!);
      expect(doneOf(await p.value<Snapshot>('getSnapshot'))?.done).toBe(true);

      const undone = p.snapshotWhere((x) => doneOf(x)?.done === false, 'snapshot without the done mark');
      expect(await p.call('undoDone', [id])).toEqual({ ok: true, value: null });
      expect(doneOf(await undone)).toEqual({ done: false, doneAt: null, snoozedUntil: null });
    });

    it.each([
      ['another site', 'http://evil.example'],
      ['another port on loopback', 'http://127.0.0.1:1'],
      ['no Origin at all', null],
    ])('refuses a socket from %s', async (_what, origin) => {
      expect(await refused(host, origin)).toBe('status 401');
    });

    it.each([
      ['no token', null],
      ['an empty token', ''],
      ['a wrong token of the same length', 'x'.repeat(43)],
      ['the token with one more character', 'TOKEN+'],
      ['a prefix of the token', 'PREFIX'],
    ])('refuses a socket with the right Origin but %s', async (_what, token) => {
      const t = token === 'TOKEN+' ? `${host.token}a` : token === 'PREFIX' ? host.token.slice(0, 20) : token;
      expect(await refused(host, host.origin, t)).toBe('status 401');
    });

    it('hands the token to no local process: not in the page, the bridge script or any asset', async () => {
      const index = await raw(host.port, '/');
      const bridge = await raw(host.port, '/youmi-web-bridge.js');
      const assets = [...index.body.matchAll(/(?:src|href)="\.(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
      const bodies = [index.body, bridge.body, ...(await Promise.all(assets.map(async (a) => (await raw(host.port, a)).body)))];
      for (const body of bodies) expect(body).not.toContain(host.token);
      expect(JSON.stringify(index.headers)).not.toContain(host.token);
    });

    it('answers malformed calls with invalid-request', async () => {
      const p = await page();
      expect(await p.call('markDone', ['1'])).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
      expect(await p.call('markDone')).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
      expect(await p.call('snooze', [1], 'yesterday')).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
      expect(await p.call('saveSettings', { pollIntervalSec: 30, evil: true })).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
      expect(await p.call('openExternal', 'file:///etc/passwd')).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
      expect(await p.call('__proto__')).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
      expect(await p.call(42)).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
      expect(await p.call(undefined)).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    });

    it('ignores messages that are not calls, and survives ones it cannot take', async () => {
      const p = await page();
      for (const text of ['not json', 'null', '1', '"call"', '[]', '{"type":"call"}', '{"type":"call","id":"1","method":"getSnapshot","args":[]}']) {
        p.send(text);
      }
      expect(await p.call('getSnapshot')).toMatchObject({ ok: true });
      // The ids of the ignored messages got no answer: only our own call's result came back.
      expect(p.messages.filter((m) => m.type === 'result')).toHaveLength(1);

      // Over the size limit: that socket is closed (1009), the host lives on.
      const big = await page();
      const closed = new Promise<number>((resolve) => big.ws.once('close', (code) => resolve(code)));
      big.send(JSON.stringify({ type: 'call', id: 1, method: 'getSnapshot', args: ['x'.repeat(300 * 1024)] }));
      expect(await closed).toBe(1009);
      const after = await page();
      expect(await after.call('getSnapshot')).toMatchObject({ ok: true });
    });

    it('shows a todo added on the simulator after refresh', async () => {
      const p = await page();
      const title = `网页宿主测试 ${Date.now()}`;
      expect((await fetch(`${host.simUrl}/_admin/todos`)).status).toBe(404);
      const res = await fetch(`${host.adminUrl}/todos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ remindTitle: title, recipientData: '["b08"]', remindTime: formatChinaTime(Date.now() + 3600_000) }),
      });
      expect(res.status).toBe(201);
      const added = (await res.json()) as { id: number };
      expect((await p.value<Snapshot>('getSnapshot')).todos.some((t) => t.id === added.id)).toBe(false);

      const pushed = p.snapshotWhere((x) => x.todos.some((t) => t.id === added.id), 'snapshot with the new todo');
      expect(await p.call('refresh')).toEqual({ ok: true, value: null });
      const todo = (await pushed).todos.find((t) => t.id === added.id)!;
      expect(todo).toMatchObject({ title, state: 'open', local: { done: false } });
      expect(Date.parse(todo.remindAt!)).toBeGreaterThan(Date.now());
      expect((await p.value<Snapshot>('getSnapshot')).todos.some((t) => t.id === added.id)).toBe(true);
    });
  });

  // Last: it ends the host.
  it('ends with exit 0 on SIGTERM, closing pages and the demo simulator', async () => {
    const p = await page();
    const pageClosed = new Promise<void>((resolve) => p.ws.once('close', () => resolve()));
    host.child.kill('SIGTERM');
    expect(await host.exited).toEqual({ code: 0, signal: null });
    await pageClosed;
    await expect(fetch(`${host.adminUrl}/todos`, { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
    await expect(raw(host.port, '/')).rejects.toThrow();
    expect(host.stderr()).not.toMatch(/^\s+at /m);
  });
});
