/**
 * bench:relay — the team relay against the simulator with 10,000 open todos, first with
 * 10 staff connected, then with 1,000, in the same run. The relay runs as its own process
 * (SQLite, as `npm run relay` starts it) so its RSS is its own; the desktops are SSE
 * clients in this process. Each round changes 100 todos on the simulator, asks the relay
 * to poll (the admin route, instead of waiting out the interval) and checks that every
 * connected desktop whose staff member is affected receives each change.
 * - vendor requests per poll come from the simulator's request log; per minute = per poll
 *   × polls per minute at the configured interval (RELAY_POLL_SEC, default 60);
 * - fan-out latency: from the relay storing a poll's changes ("seen at" in its log) to a
 *   desktop receiving the event;
 * - RSS: the relay process's VmRSS after the round.
 * Last line: `relay: 1000 staff <n> vendor req/min vs 10 staff <m> vendor req/min, fan-out p99 <ms> ms, rss <MB> MB`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { enrolDevice, relayLink, type StreamHandle } from '../electron/main/relay-link/link';
import { startSimulator } from '../electron/main/simulator/index';
import { openStore } from '../relay/src/relay';

const TODOS = 10_000;
const STAFF = 1000;
const CHANGES = 100;
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const POLL_SEC = 60;
const staffCode = (i: number): string => `s${String(i).padStart(4, '0')}`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function main(): Promise<void> {
  const sim = await startSimulator({ port: 0, demoData: false });
  const ids: number[] = [];
  for (let i = 0; i < TODOS; i++) {
    ids.push(sim.admin.addTodo({ remindTitle: `todo ${i}`, recipientData: JSON.stringify([staffCode(i % STAFF)]) }).id);
  }
  const dir = mkdtempSync(join(tmpdir(), 'bench-relay-'));
  const store = await openStore({ dataDir: dir, secretKey: 'bench key' });
  await store.saveCredentials({ baseUrl: sim.url, tokenUrl: sim.tokenUrl, clientId: sim.credentials.clientId, clientSecret: sim.credentials.clientSecret });
  const adminToken = await store.createAdminToken();
  await store.db.close();

  const child = spawn(process.execPath, ['--import', 'tsx', 'relay/src/main.ts', '--port', '0', '--data-dir', dir], {
    env: { ...process.env, RELAY_SECRET_KEY: 'bench key', RELAY_POLL_SEC: String(POLL_SEC), RELAY_BUDGET_PER_MIN: '600', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seenAt: number[] = [];
  let stored = 0;
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const l = /^listening (\S+)$/.exec(line);
      if (l) resolve(l[1]!);
      const s = /^poll stored: .* seen at (\d+)$/.exec(line);
      if (s) {
        seenAt.push(Number(s[1]));
        stored++;
      }
    });
    child.once('exit', (c) => reject(new Error(`relay exited with ${c}`)));
  });
  const until = async (check: () => boolean, ms: number, what: string): Promise<void> => {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error(`timed out: ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  await until(() => stored >= 1, 120_000, 'the first poll of 10,000 todos');

  const adminCall = async (path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const r = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
    return (await r.json()) as Record<string, unknown>;
  };

  // title → receipt times, per staff
  const received = new Map<string, number[]>();
  const streams: StreamHandle[] = [];
  const connected = new Set<string>();
  async function connect(staff: string): Promise<void> {
    const { code } = (await adminCall('/admin/enrol', { staff })) as { code: string };
    const got = await enrolDevice(url, code, `bench-${staff}`);
    let snap = false;
    const h = relayLink(url, got.token).stream((m) => {
      if (m.type === 'snapshot') snap = true;
      if (m.type === 'todo') {
        const key = `${staff} ${m.todo.title}`;
        received.set(key, [...(received.get(key) ?? []), Date.now()]);
      }
    }, { idleMs: 600_000 });
    streams.push(h);
    connected.add(staff);
    await until(() => snap, 30_000, `snapshot for ${staff}`);
  }

  const results: { staff: number; perPoll: number; perMin: number; p50: number; p99: number; rss: number; delivered: number }[] = [];
  let round = 0;
  for (const n of [10, 1000]) {
    const todo: Promise<void>[] = [];
    for (let i = 0; i < n; i++) if (!connected.has(staffCode(i))) todo.push(connect(staffCode(i)));
    // Connect in batches so 1,000 handshakes do not all land in the same millisecond.
    for (let i = 0; i < todo.length; i += 100) await Promise.all(todo.slice(i, i + 100));
    const latencies: number[] = [];
    let requests = 0;
    let delivered = 0;
    for (let r = 0; r < ROUNDS; r++) {
      round++;
      // 100 changes spread over the staff; with 10 connected, a fifth of them hit a connected desktop.
      const changed: { staff: string; title: string }[] = [];
      for (let k = 0; k < CHANGES; k++) {
        const idx = (k % 5 === 0 ? (k / 5) % n : k * 97 + round * 13) % TODOS;
        const title = `todo ${idx} r${round}`;
        sim.admin.updateTodo(ids[idx]!, { remindTitle: title });
        changed.push({ staff: staffCode(idx % STAFF), title });
      }
      const expected = changed.filter((c) => connected.has(c.staff));
      const t0 = Date.now();
      const storedBefore = stored;
      await adminCall('/admin/poll');
      await until(() => stored > storedBefore, 30_000, 'poll stored');
      const seen = seenAt[seenAt.length - 1]!;
      await until(() => expected.every((c) => received.has(`${c.staff} ${c.title}`)), 10_000, `round ${round}: every affected desktop`);
      for (const c of expected) latencies.push(...received.get(`${c.staff} ${c.title}`)!.map((t) => t - seen));
      delivered += expected.length;
      requests += sim.admin.requestLog().filter((e) => e.at >= t0).length;
    }
    latencies.sort((a, b) => a - b);
    const perPoll = requests / ROUNDS;
    results.push({ staff: n, perPoll, perMin: perPoll * (60 / POLL_SEC), p50: percentile(latencies, 50), p99: percentile(latencies, 99), rss: rssMb(child.pid!), delivered });
    const x = results[results.length - 1]!;
    console.log(
      `${n} staff connected: ${x.perPoll.toFixed(0)} vendor requests per poll, ${x.perMin.toFixed(0)} req/min at one poll per ${POLL_SEC} s; ` +
        `${delivered} changes delivered to every affected desktop; fan-out p50 ${x.p50} ms p99 ${x.p99} ms; relay rss ${x.rss.toFixed(0)} MB`,
    );
  }
  for (const s of streams) s.close();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
  const [small, big] = results;
  const p99 = Math.max(small!.p99, big!.p99);
  console.log(
    `relay: 1000 staff ${big!.perMin.toFixed(0)} vendor req/min vs 10 staff ${small!.perMin.toFixed(0)} vendor req/min, fan-out p99 ${p99} ms, rss ${big!.rss.toFixed(0)} MB`,
  );
}

main().catch((e: unknown) => {
  console.error(`bench:relay failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
