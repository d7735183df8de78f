/**
 * Starts the real browser host (service + in-process simulator + WebSocket bridge) for a
 * spec, on an ephemeral port and a fresh data dir, and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from '@playwright/test';

export interface Host {
  /** The page with this start's bridge token, e.g. http://127.0.0.1:PORT/#token=… */
  url: string;
  /** The in-process simulator. */
  simUrl: string;
  /** Its admin API, under a random path per start. */
  adminUrl: string;
  staff: string;
  dataDir: string;
  /** Stops the process; the data dir is kept for a restart unless `clean`. */
  stop(opts?: { clean?: boolean }): Promise<void>;
  /** stderr so far, for diagnosing a failure. */
  log(): string;
}

export async function startHost(opts: { dataDir?: string; args?: string[] } = {}): Promise<Host> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'youmi-e2e-'));
  // A Chinese desktop, like the browser's zh-CN locale in playwright.config.ts: the host's
  // reminder text follows the machine's locale (shared/language.ts).
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/main/hosts/web/main.ts', '--no-build', '--port', '0', '--data-dir', dataDir, ...(opts.args ?? [])],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '', YOUMI_BASE_URL: '', YOUMI_CLIENT_ID: '', YOUMI_CLIENT_SECRET: '', YOUMI_STAFF: '' } },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const lines = createInterface({ input: child.stdout! });
  const found: { url?: string; simUrl?: string; adminUrl?: string; staff?: string } = {};
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`browser host exited with ${code}:\n${stderr}`)));
    lines.on('line', (line) => {
      if (!found.url && /^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+$/.test(line)) found.url = line;
      const demo = /^demo mode: simulator (\S+) \(admin API (\S+)\/todos\), staff (\S+)$/.exec(line);
      if (demo) {
        found.simUrl = demo[1];
        found.adminUrl = demo[2];
        found.staff = demo[3];
      }
      if (found.url && found.simUrl) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return {
    url: found.url!,
    simUrl: found.simUrl!,
    adminUrl: found.adminUrl!,
    staff: found.staff!,
    dataDir,
    log: () => stderr,
    stop: async ({ clean = false } = {}) => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (clean) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One host for a whole spec file, started before its first test and removed after its last. */
export function useHost(opts: Parameters<typeof startHost>[0] = {}): () => Host {
  let host: Host | undefined;
  test.beforeAll(async () => {
    host = await startHost(opts);
  });
  test.afterAll(async () => {
    await host?.stop({ clean: true });
  });
  return () => {
    if (!host) throw new Error('the browser host is not started (use it inside a test)');
    return host;
  };
}
