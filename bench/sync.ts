/**
 * bench:sync — 10,000 todos in pages of 100 from the simulator over loopback. The
 * simulator runs in its own process (bench/support/sim-process.ts) with its filtering
 * indexed, so the server's work lands on neither side of the ratio.
 * Each round, in this order, on a fresh service with its state in a temporary directory:
 * - first sync: the service's first poll through the real API client: fetch, parse,
 *   normalise, diff, schedule, and the state document written (every item is new here);
 *   then one untimed poll, so that its garbage is not collected inside a timed one;
 * - baseline: the same pages fetched and JSON.parse'd, nothing else (one token request),
 *   on the client's own HTTP library (undici's request on a keep-alive agent);
 * - unchanged poll: the same service polling again with nothing changed;
 * - baseline again, then the one-changed poll: one todo's title changed on the simulator,
 *   then a poll; it must report that id alone and keep every other todo's object.
 * Best of the rounds per figure, wall time (and this process's CPU time, which leaves the
 * server out). A poll's cost is the slower of the two polls.
 * The state write a change causes is deferred by the state's coalescing window and lands
 * at the service's stop, outside the timings; it is printed (bench:reminders owns it).
 * Last line: `sync: 10000 todos, poll <ms> ms = <ratio>x of fetch+parse <ms> ms; ...`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Agent, request } from 'undici';
import { createYoumiClient } from '../electron/main/api/client';
import { TOKEN_SCOPE } from '../electron/main/api/token';
import { createSystemClock } from '../electron/main/service/system-clock';
import { createTodoService, type TodoChanges, type TodoService } from '../electron/main/service/todo-service';
import { createFileStore } from '../electron/main/store/file-store';
import type { Todo } from '../shared/todo';
import { startSimChild, type SimChild } from './support/sim-child';

const N = 10_000;
const PAGE = 100;
const ROUNDS = Number(process.env.ROUNDS ?? 5);

/**
 * The floor: the same requests on the same HTTP library as the client (undici's request
 * on a keep-alive agent), each body JSON.parse'd, nothing else. Node's global fetch would
 * be a slower floor and flatter the ratio.
 */
async function fetchAndParse(sim: SimChild, agent: Agent): Promise<number> {
  const post = async (url: string, headers: Record<string, string>, body: string): Promise<unknown> => {
    const res = await request(url, { dispatcher: agent, method: 'POST', headers, body });
    return JSON.parse(await res.body.text()) as unknown;
  };
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: sim.credentials.clientId,
    client_secret: sim.credentials.clientSecret,
    scope: TOKEN_SCOPE,
  });
  const { access_token: token } = (await post(sim.tokenUrl, { 'content-type': 'application/x-www-form-urlencoded' }, form.toString())) as {
    access_token: string;
  };
  let items = 0;
  for (let pageIndex = 1; ; pageIndex++) {
    const body = JSON.stringify({ remindStaff: sim.demoStaff, usersate: 0, pageIndex, pageSize: PAGE });
    const page = (await post(`${sim.url}/v2/Todo/GetChargeDaffairesList`, { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body)) as {
      values: unknown[];
    };
    items += page.values.length;
    if (page.values.length < PAGE) break;
  }
  if (items !== N) throw new Error(`baseline read ${items} todos`);
  return items;
}

/** Wall time and this process's CPU time (user + system), both in ms. */
async function timed(fn: () => Promise<unknown>): Promise<[number, number]> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return [performance.now() - t, (used.user + used.system) / 1000];
}

/** Every open todo object the service holds, by id. */
function holding(service: TodoService, ids: number[]): Map<number, Todo> {
  return new Map(ids.map((id) => [id, service.todo(id)!]));
}

/** Ids whose object is no longer the one held before. */
function replaced(service: TodoService, before: Map<number, Todo>): number[] {
  return [...before].filter(([id, t]) => service.todo(id) !== t).map(([id]) => id);
}

interface Round {
  baseline: number;
  first: number;
  unchanged: number;
  oneChanged: number;
  baselineCpu: number;
  unchangedCpu: number;
  oneChangedCpu: number;
  /** The poll's time outside the API client (diff, apply, schedule). */
  unchangedService: number;
  oneChangedService: number;
  unchangedWrites: number;
  changeBytes: number;
}

async function round(sim: SimChild, agent: Agent, dir: string, touchIndex: number): Promise<Round> {
  const store = createFileStore({ dataDir: dir });
  const client = createYoumiClient({
    baseUrl: sim.url,
    tokenUrl: sim.tokenUrl,
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    pageSize: PAGE,
  });
  const clock = createSystemClock({ unref: true });
  // The API client's share of a poll (HTTP, envelope, paging, parsing what changed); the rest is the service's.
  let clientMs = 0;
  const source = {
    listMyOpenTodos: async (staff: string) => {
      const t = performance.now();
      const r = await client.listMyOpenTodos(staff);
      clientMs += performance.now() - t;
      return r;
    },
    getTodo: (id: number) => client.getTodo(id),
  };
  const service = createTodoService({ clock, notifier: { notify: () => {} }, store, source, staff: sim.demoStaff });
  const changes: TodoChanges[] = [];
  service.on('changes', (c) => changes.push(c));
  const baselines: [number, number][] = [];
  const baseline = async () => {
    baselines.push(await timed(() => fetchAndParse(sim, agent)));
  };
  try {
    const [first] = await timed(async () => {
      await service.start();
      await service.whenIdle();
    });
    const ids = service.snapshot().todos.map((t) => t.id);
    if (ids.length !== N || service.status().state !== 'ok') {
      throw new Error(`first sync read ${ids.length} todos, status ${service.status().state}`);
    }
    // Steady state: the first sync's garbage is collected before polls are timed.
    await service.syncNow();
    changes.splice(0);

    let held = holding(service, ids);
    const writes = store.stats.writes;
    await baseline();
    clientMs = 0;
    const [unchanged, unchangedCpu] = await timed(() => service.syncNow());
    const unchangedClient = clientMs;
    const unchangedWrites = store.stats.writes - writes;
    if (changes.length > 0 || replaced(service, held).length !== 0) {
      throw new Error(`an unchanged poll reported ${JSON.stringify(changes)} and replaced ${replaced(service, held).length} todos`);
    }

    const id = ids[touchIndex % ids.length]!;
    await sim.touch(id);
    held = holding(service, ids);
    await baseline();
    clientMs = 0;
    const [oneChanged, oneChangedCpu] = await timed(() => service.syncNow());
    const oneChangedClient = clientMs;
    const got = replaced(service, held);
    const c = changes[0];
    if (changes.length !== 1 || c!.updated.join() !== String(id) || c!.added.length + c!.closed.length !== 0 || got.join() !== String(id)) {
      throw new Error(`one changed todo (#${id}) reported ${JSON.stringify(changes)}, replaced ${got.length} todos`);
    }
    const bytes = store.stats.bytesWritten;
    await service.stop();
    return {
      baseline: Math.min(...baselines.map(([ms]) => ms)),
      baselineCpu: Math.min(...baselines.map(([, cpu]) => cpu)),
      first,
      unchanged,
      oneChanged,
      unchangedCpu,
      oneChangedCpu,
      unchangedService: unchanged - unchangedClient,
      oneChangedService: oneChanged - oneChangedClient,
      unchangedWrites,
      changeBytes: store.stats.bytesWritten - bytes,
    };
  } finally {
    await service.stop();
    await client.close();
    clock.dispose();
  }
}

async function main(): Promise<void> {
  const sim = await startSimChild(N);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-bench-sync-'));
  const rounds: Round[] = [];
  const agent = new Agent();
  try {
    await fetchAndParse(sim, agent); // warm up both sides
    for (let r = 0; r < ROUNDS; r++) rounds.push(await round(sim, agent, path.join(root, `r${r}`), 1234 + r * 977));
  } finally {
    await agent.close();
    await sim.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
  const all = (k: keyof Round, digits = 0) => rounds.map((r) => r[k].toFixed(digits)).join(', ');
  const best = (k: keyof Round) => Math.min(...rounds.map((r) => r[k]));
  const baseline = best('baseline');
  const ratio = (ms: number) => `${(ms / baseline).toFixed(2)}x`;
  console.log(`fetch+parse (baseline): ${all('baseline')} ms`);
  console.log(`first sync (all new):   ${all('first')} ms (best ${ratio(best('first'))}, state document written)`);
  console.log(`unchanged poll:         ${all('unchanged')} ms (best ${ratio(best('unchanged'))}); state writes ${all('unchangedWrites')}`);
  console.log(`one-changed poll:       ${all('oneChanged')} ms (best ${ratio(best('oneChanged'))}); only that id reported and replaced`);
  console.log(`  of which the service (diff, apply, schedule): unchanged ${all('unchangedService', 1)} ms, one changed ${all('oneChangedService', 1)} ms`);
  const cpuBase = best('baselineCpu');
  const cpuRatio = (k: keyof Round) => `${best(k).toFixed(0)} ms (${(best(k) / cpuBase).toFixed(2)}x)`;
  console.log(
    `CPU of this process (best): fetch+parse ${cpuBase.toFixed(0)} ms, unchanged poll ${cpuRatio('unchangedCpu')}, one-changed poll ${cpuRatio('oneChangedCpu')}`,
  );
  console.log(`state written for the one change (deferred to the stop): ${rounds.map((r) => (r.changeBytes / 1024 / 1024).toFixed(2)).join(', ')} MiB`);
  const poll = Math.max(best('unchanged'), best('oneChanged'));
  console.log(
    `sync: ${N} todos, poll ${poll.toFixed(0)} ms = ${ratio(poll)} of fetch+parse ${baseline.toFixed(0)} ms; ` +
      `unchanged ${best('unchanged').toFixed(0)} ms, one changed ${best('oneChanged').toFixed(0)} ms, first sync ${best('first').toFixed(0)} ms`,
  );
}

await main();
