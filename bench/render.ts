/**
 * `npm run -s bench:render`: in Debian chromium, the time from a snapshot's arrival in the
 * window (the bridge's onSnapshot) to a painted list with a free main thread, for 10,000 and
 * for 100 todos in the same run (fresh page per sample, median of several), and the JS heap
 * after the 10,000 render; then, on the same page, the time of an update (one todo changed,
 * from the message's arrival to its paint, as a delta through the browser host's page-side
 * bridge code) at 10,000 and at 100 todos, and the same change as a full snapshot. Figures, not a
 * pass/fail test.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, 'out/bench-render');
const BRIDGE = 'bench-bridge.js';
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 9);
const SIZES = [10_000, 100] as const;

interface BenchPage {
  __bench: { run(n: number): Promise<{ ms: number; rows: number }>; update(full?: boolean): Promise<{ ms: number; bytes: number }> };
}

async function buildPage(): Promise<void> {
  await build({ configFile: false, root: resolve(root, 'renderer'), base: './', logLevel: 'warn', plugins: [react()], build: { outDir, emptyOutDir: true } });
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: false, lib: { entry: resolve(root, 'bench/render-bridge.ts'), formats: ['iife'], name: 'benchBridge', fileName: () => BRIDGE } },
  });
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const at = html.indexOf('<script');
  await writeFile(join(outDir, 'index.html'), `${html.slice(0, at)}<script src="./${BRIDGE}"></script>${html.slice(at)}`);
}

function serve(): Promise<{ url: string; close: () => void }> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = normalize(join(outDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(outDir + sep)) return void res.writeHead(404).end();
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      ok({ url: `http://127.0.0.1:${port}/`, close: () => server.close() });
    }),
  );
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

async function main(): Promise<void> {
  await buildPage();
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--js-flags=--expose-gc',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 420, height: 640 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const samples: Record<number, number[]> = { 10_000: [], 100: [] };
    const updates: Record<number, number[]> = { 10_000: [], 100: [] };
    const updateBytes: Record<number, number> = {};
    const fullUpdates: number[] = [];
    let fullBytes = 0;
    let heapMb = 0;
    const once = async (n: number, measureHeap: boolean): Promise<number> => {
      await page.goto(`${server.url}?data=bench&lang=zh-CN&theme=light`);
      await page.waitForSelector('.loading');
      const { ms, rows } = await page.evaluate((count) => (globalThis as unknown as BenchPage).__bench.run(count), n);
      if (rows < 2) throw new Error(`only ${rows} rows rendered for ${n} todos`);
      if (measureHeap) {
        await page.waitForTimeout(300); // the rest of the list is built in the next idle moment
        const cdp = await context.newCDPSession(page);
        await cdp.send('HeapProfiler.collectGarbage');
        const { usedSize } = await cdp.send('Runtime.getHeapUsage');
        heapMb = Math.max(heapMb, usedSize / 1024 / 1024);
        await cdp.detach();
      }
      for (let u = 0; u < 3; u++) {
        const up = await page.evaluate(() => (globalThis as unknown as BenchPage).__bench.update());
        updates[n]?.push(up.ms);
        updateBytes[n] = up.bytes;
      }
      if (n === 10_000) {
        // The reference: the same change sent as the whole snapshot, as before deltas.
        const up = await page.evaluate(() => (globalThis as unknown as BenchPage).__bench.update(true));
        fullUpdates.push(up.ms);
        fullBytes = up.bytes;
      }
      return ms;
    };
    await once(100, false); // warm up caches and the JIT-free first load
    for (let i = 0; i < SAMPLES; i++) {
      for (const n of i % 2 ? [...SIZES].reverse() : SIZES) samples[n]?.push(await once(n, n === 10_000 && i === 0));
    }
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    for (const n of SIZES) {
      const xs = samples[n] ?? [];
      console.log(`${n} todos: median ${median(xs).toFixed(1)} ms over ${xs.length} runs (${xs.map((x) => x.toFixed(0)).join(', ')})`);
    }
    for (const n of SIZES) {
      const xs = updates[n] ?? [];
      console.log(`update, one todo of ${n} changed: median ${median(xs).toFixed(1)} ms over ${xs.length} (${xs.map((x) => x.toFixed(0)).join(', ')}), message ${((updateBytes[n] ?? 0) / 1024).toFixed(0)} KB`);
    }
    console.log(`update as a full snapshot (before deltas), one todo of 10000: median ${median(fullUpdates).toFixed(1)} ms over ${fullUpdates.length}, message ${(fullBytes / 1024).toFixed(0)} KB`);
    const bigUpdate = median(updates[10_000] ?? []);
    const smallUpdate = median(updates[100] ?? []);
    const big = median(samples[10_000] ?? []);
    const small = median(samples[100] ?? []);
    console.log(
      `render: 10000 todos ${big.toFixed(1)} ms vs 100 todos ${small.toFixed(1)} ms (${(big / small).toFixed(2)}x), heap ${heapMb.toFixed(1)} MB; update 10000 ${bigUpdate.toFixed(1)} ms vs 100 ${smallUpdate.toFixed(1)} ms (${(bigUpdate / smallUpdate).toFixed(2)}x, goal <= 1.5x; full snapshot ${median(fullUpdates).toFixed(1)} ms)`,
    );
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((e: unknown) => {
  console.error(`bench:render failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
