/**
 * bench:sync — 10,000 todos in pages of 100 from the simulator over loopback. The
 * simulator runs in its own process (bench/support/sim-process.ts) with its filtering
 * indexed, so the server's work lands on neither side of the ratio.
 * Measured in the same run, alternating, best of several rounds:
 * - baseline: the same pages fetched and JSON.parse'd, nothing else (one token request);
 * - full sync: a fresh service's first sync through the real API client: fetch, parse,
 *   normalise, diff, schedule, and the state document written to disk;
 * - idle poll: the same service polling again with nothing changed (must write nothing).
 * Last line: `sync: 10000 todos in <ms> ms; <ratio>x of fetch+parse`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createYoumiClient } from '../electron/main/api/client';
import { TOKEN_SCOPE } from '../electron/main/api/token';
import { createSystemClock } from '../electron/main/service/system-clock';
import { createTodoService } from '../electron/main/service/todo-service';
import { createFileStore } from '../electron/main/store/file-store';
import { startSimChild, type SimChild } from './support/sim-child';

const N = 10_000;
const PAGE = 100;
const ROUNDS = Number(process.env.ROUNDS ?? 3);

async function fetchAndParse(sim: SimChild): Promise<number> {
  const tokenRes = await fetch(sim.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sim.credentials.clientId,
      client_secret: sim.credentials.clientSecret,
      scope: TOKEN_SCOPE,
    }),
  });
  const { access_token: token } = (await tokenRes.json()) as { access_token: string };
  let items = 0;
  for (let pageIndex = 1; ; pageIndex++) {
    const res = await fetch(`${sim.url}/v2/Todo/GetChargeDaffairesList`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ remindStaff: sim.demoStaff, usersate: 0, pageIndex, pageSize: PAGE }),
    });
    const body = JSON.parse(await res.text()) as { values: unknown[] };
    items += body.values.length;
    if (body.values.length < PAGE) break;
  }
  if (items !== N) throw new Error(`baseline read ${items} todos`);
  return items;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await fn();
  return [performance.now() - t, r];
}

async function main(): Promise<void> {
  const sim = await startSimChild(N);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-bench-sync-'));
  const baselines: number[] = [];
  const syncs: number[] = [];
  const split: [number, number][] = [];
  let idle = { ms: 0, writes: 0, bytes: 0, fileChanged: false };
  let docBytes = 0;
  let writeMs = 0;
  try {
    await fetchAndParse(sim); // warm up both sides
    for (let round = 0; round < ROUNDS; round++) {
      const [b] = await timed(() => fetchAndParse(sim));
      baselines.push(b);

      const dir = path.join(root, `r${round}`);
      const store = createFileStore({ dataDir: dir });
      const client = createYoumiClient({
        baseUrl: sim.url,
        tokenUrl: sim.tokenUrl,
        clientId: sim.credentials.clientId,
        clientSecret: sim.credentials.clientSecret,
        pageSize: PAGE,
      });
      const clock = createSystemClock({ unref: true });
      // Times the client's share (HTTP, JSON, normalising); the rest is the service's.
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
      const service = createTodoService({
        clock,
        notifier: { notify: () => {} },
        store,
        source,
        staff: sim.demoStaff,
      });
      const [s] = await timed(async () => {
        await service.start();
        await service.whenIdle();
      });
      if (service.snapshot().todos.length !== N || service.status().state !== 'ok') {
        throw new Error(`sync read ${service.snapshot().todos.length} todos, status ${service.status().state}`);
      }
      if (store.stats.writes !== 1) throw new Error(`expected one state write, got ${store.stats.writes}`);
      syncs.push(s);
      split.push([clientMs, s - clientMs]);
      docBytes = store.stats.bytesWritten;
      const t = performance.now();
      store.write(JSON.parse(fs.readFileSync(store.path, 'utf8')));
      writeMs = performance.now() - t;

      const file = store.path;
      const before = { writes: store.stats.writes, bytes: store.stats.bytesWritten, st: fs.statSync(file) };
      const [i] = await timed(() => service.syncNow().then(() => undefined));
      const after = fs.statSync(file);
      idle = {
        ms: i,
        writes: store.stats.writes - before.writes,
        bytes: store.stats.bytesWritten - before.bytes,
        fileChanged: after.mtimeMs !== before.st.mtimeMs || after.ino !== before.st.ino,
      };
      await service.stop();
      await client.close();
      clock.dispose();
    }
  } finally {
    await sim.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
  const best = (xs: number[]) => Math.min(...xs);
  const baseline = best(baselines);
  const sync = best(syncs);
  console.log(`fetch+parse (baseline): ${baselines.map((x) => x.toFixed(0)).join(', ')} ms`);
  console.log(`full sync:              ${syncs.map((x) => x.toFixed(0)).join(', ')} ms`);
  console.log(`  of which API client (HTTP + parse + normalise): ${split.map(([c]) => c.toFixed(0)).join(', ')} ms; service (diff, schedule, state write): ${split.map(([, x]) => x.toFixed(0)).join(', ')} ms`);
  console.log(`state document: ${(docBytes / 1024 / 1024).toFixed(2)} MiB; one atomic write (stringify + temp + fsync + rename) ${writeMs.toFixed(0)} ms`);
  console.log(
    `idle poll: ${idle.ms.toFixed(0)} ms, ${idle.writes} writes, ${idle.bytes} bytes written, file ${idle.fileChanged ? 'CHANGED' : 'untouched'}`,
  );
  console.log(`sync: ${N} todos in ${sync.toFixed(0)} ms; ${(sync / baseline).toFixed(2)}x of fetch+parse`);
}

await main();
