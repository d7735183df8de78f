/**
 * `npm run -s bench:bridge`: what one changed todo costs between the host and the page at
 * 10,000 todos, through the browser host's real pieces: the simulator in its own process
 * (bench/support/sim-child.ts; `touch` changes one todo's title the way its admin API
 * does), the app polling it (createApp, as hosts/web/main.ts composes it), the WebSocket
 * bridge (hosts/web/socket.ts) and the built page (out/web) in headless Chromium.
 *
 * Per round: the todo shown in the first row is changed on the simulator, the host polls,
 * and the time runs until the page has painted the new title. Measured:
 * - bytes of the snapshot messages the page received for the change;
 * - the bridge's host CPU (process.cpuUsage; this process holds the host and nothing else):
 *   the steps the feed takes for the change (snapshot with memoised views, decorate, delta,
 *   frame), timed again alone right after, since inside the poll they cannot be told apart;
 * - wall time and host CPU from the poll's start to the paint, and the CPU of a poll that
 *   changes nothing with no page connected (the sync's own share; it builds no snapshot).
 * Baseline, same run: the full snapshot as the host sent it on every change before deltas
 * (built, decorated, serialised: its host CPU and bytes; bench:render times its paint).
 * Last line: `bridge: 10000 todos, one-todo change <KB> KB, host CPU <ms> ms, … (baseline full snapshot …)`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createApp } from '../electron/main/app/app';
import { plainVault } from '../electron/main/app/plain-vault';
import { diffSnapshots } from '../electron/main/app/snapshot-deltas';
import { createNodeStore } from '../electron/main/hosts/node-store';
import { buildWeb, WEB_OUT_DIR } from '../electron/main/hosts/web/build';
import { attachBridgeSocket } from '../electron/main/hosts/web/socket';
import { contentSecurityPolicy, createStaticHandler } from '../electron/main/hosts/web/static';
import { startSimChild } from './support/sim-child';

const N = 10_000;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const GOAL_KB = 10;
const GOAL_CPU_MS = 50;

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** Resolves when the page shows `text` and a frame with a free main thread followed. */
interface PageGlobals {
  document: { body: { textContent: string | null }; querySelectorAll(s: string): { length: number } };
  requestAnimationFrame(cb: () => void): number;
}
const paintedText = (page: Page, text: string) =>
  page.waitForFunction(
    (t) => {
      // Runs in the page: only its own globals.
      const g = globalThis as unknown as PageGlobals;
      return (g.document.body.textContent ?? '').includes(t) && new Promise<boolean>((ok) => g.requestAnimationFrame(() => setTimeout(() => ok(true), 0)));
    },
    text,
    { polling: 'raf', timeout: 60_000 },
  );

async function main(): Promise<void> {
  await buildWeb();
  const sim = await startSimChild(N);
  const dataDir = mkdtempSync(join(tmpdir(), 'youmi-bench-bridge-'));
  const app = await createApp({
    dataDir,
    store: createNodeStore(dataDir),
    vault: plainVault,
    notifier: { notify: () => {} },
    host: { hideWindow: () => {}, setPinned: () => {} },
    log: () => {},
    allowDemo: false,
    overrides: {
      mode: 'account',
      baseUrl: sim.url,
      tokenUrl: sim.tokenUrl,
      clientId: sim.credentials.clientId,
      clientSecret: sim.credentials.clientSecret,
      staffCode: sim.demoStaff,
    },
  });
  let port = 0;
  const server = createServer(createStaticHandler(WEB_OUT_DIR, () => contentSecurityPolicy(port)));
  const token = 'bench-bridge-token';
  const wss = attachBridgeSocket(server, app, () => [`http://127.0.0.1:${port}`], token);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  await app.start();
  const poll = async (): Promise<void> => {
    const r = await app.dispatch('refresh', []);
    if (!r.ok) throw new Error(`poll failed: ${JSON.stringify(r.error)}`);
  };
  await poll();
  const first = app.snapshot();
  if (first.todos.length !== N) throw new Error(`the host lists ${first.todos.length} todos, not ${N}`);

  // What a change cost before deltas: the whole snapshot built, decorated and serialised.
  const fullCpu: number[] = [];
  let fullBytes = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const c = process.cpuUsage();
    fullBytes = JSON.stringify({ type: 'event', channel: 'snapshot', payload: app.snapshot() }).length;
    fullCpu.push(cpuMs(c));
  }
  // The sync's own share: a poll that changes nothing, no page connected (no snapshot built).
  const idleCpu: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const c = process.cpuUsage();
    await poll();
    idleCpu.push(cpuMs(c));
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 420, height: 640 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const received: number[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => {
      const text = typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8');
      if (text.includes('"channel":"snapshot"')) received.push(Buffer.byteLength(text));
    }));
    await page.goto(`http://127.0.0.1:${port}/#token=${token}`);
    await page.waitForSelector('[role="row"][aria-level="2"]', { timeout: 60_000 });
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelectorAll('[role="row"]').length > 2);

    const bytes: number[] = [];
    const cpu: number[] = [];
    const wall: number[] = [];
    const bridgeCpu: number[] = [];
    /** build+diff+frame per round, ms. */
    const parts: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // The todo in the first row (on screen, so its paint is seen); touch retitles it `回访客户 <id>（已改 n）`.
      const id = Number(await page.locator('[role="row"][aria-level="2"]').first().getAttribute('data-todo-id'));
      if (!Number.isInteger(id) || id <= 0) throw new Error('no todo id on the first row');
      await sim.touch(id);
      const expected = `回访客户 ${id}（已改 ${i + 1}）`;
      const prev = app.snapshot();
      const before = received.length;
      const c = process.cpuUsage();
      const t0 = performance.now();
      await poll();
      await paintedText(page, expected);
      wall.push(performance.now() - t0);
      cpu.push(cpuMs(c));
      bytes.push(received.slice(before).reduce((a, b) => a + b, 0));
      // The bridge's share, timed alone: the same steps the feed took for this change (the
      // snapshot built and decorated with the memoised views, the delta, its frame).
      const b = process.cpuUsage();
      const next = app.snapshot();
      const built = cpuMs(b);
      const delta = diffSnapshots(prev, next);
      const diffed = cpuMs(b);
      const frame = JSON.stringify({ type: 'event', channel: 'snapshot', payload: { seq: 2, delta } });
      bridgeCpu.push(cpuMs(b));
      parts.push(`${built.toFixed(1)}+${(diffed - built).toFixed(1)}+${(cpuMs(b) - diffed).toFixed(1)}`);
      if (!delta || delta.upsert.length !== 1 || frame.length > 10_240) throw new Error(`unexpected delta for one change: ${frame.slice(0, 200)}`);
    }

    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);

    const idle = median(idleCpu);
    const kb = median(bytes) / 1024;
    const bridge = median(bridgeCpu);
    console.log(`idle poll (no page, so no snapshot): host CPU median ${idle.toFixed(1)} ms over ${idleCpu.length} (${idleCpu.map((x) => x.toFixed(0)).join(', ')})`);
    console.log(
      `one-todo change, poll to paint: ${kb.toFixed(1)} KB to the page (${bytes.join(', ')} bytes), wall ${median(wall).toFixed(0)} ms, host CPU ${median(cpu).toFixed(0)} ms with the poll (${cpu.map((x) => x.toFixed(0)).join(', ')})`,
    );
    console.log(`the bridge's share (snapshot with memoised views, decorate, delta, frame): host CPU median ${bridge.toFixed(1)} ms (${bridgeCpu.map((x) => x.toFixed(1)).join(', ')}; build+delta+frame ${parts.join(', ')})`);
    console.log(
      `baseline, the full snapshot per change: ${(fullBytes / 1024).toFixed(0)} KB, host CPU median ${median(fullCpu).toFixed(1)} ms to build and serialise (${fullCpu.map((x) => x.toFixed(0)).join(', ')}), before it is sent, parsed and painted`,
    );
    const within = kb <= GOAL_KB && bridge <= GOAL_CPU_MS;
    console.log(
      `bridge: ${N} todos, one-todo change ${kb.toFixed(1)} KB, host CPU ${bridge.toFixed(1)} ms (goal <= ${GOAL_KB} KB, <= ${GOAL_CPU_MS} ms: ${within ? 'met' : 'NOT met'}), poll to paint ${median(wall).toFixed(0)} ms; baseline full snapshot ${(fullBytes / 1024).toFixed(0)} KB, ${median(fullCpu).toFixed(1)} ms host CPU`,
    );
  } finally {
    await browser.close();
    wss.close();
    server.closeAllConnections();
    server.close();
    await app.stop();
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench:bridge failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
