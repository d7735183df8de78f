/**
 * The CLI as a real process (`tsx electron/main/hosts/cli/main.ts …`) against a simulator
 * started in this test process: exit codes, one stderr line per failure, no stack traces.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createYoumiClient } from '../../electron/main/api/client';
import { closedPort } from '../api/harness';
import { startSimulator, type Simulator } from '../../electron/main/simulator/index';
import { cleanEnv, simEnv } from './sim-env';
import { TODO_KEYS } from './todo-keys';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = 'electron/main/hosts/cli/main.ts';
const TSX = fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}



/** `npx tsx main.ts …`, or tsx's own entry run by this node (the same thing, without npm's startup). */
function run(args: string[], env: NodeJS.ProcessEnv, via: 'npx' | 'tsx' = 'tsx'): Promise<Exit> {
  const [cmd, argv] = via === 'npx' ? ['npx', ['tsx', MAIN, ...args]] : [process.execPath, [TSX, MAIN, ...args]];
  // A throwaway data dir unless the test names one: a run must never touch the real user's state.
  const dataDir = mkdtempSync(join(tmpdir(), 'youmi-cli-e2e-'));
  const child = spawn(cmd as string, argv as string[], {
    cwd: ROOT,
    env: { ...cleanEnv(), YOUMI_DATA_DIR: dataDir, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectOneLine(exit: Exit, code: number, pattern: RegExp): void {
  expect(exit.code).toBe(code);
  const lines = exit.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(exit.stderr).not.toMatch(/^\s+at /m);
}

// Each test spawns node + tsx; on a small machine running them side by side takes a while.
describe.concurrent('CLI end to end', { timeout: 60_000 }, () => {
  // Not reset between tests: they run concurrently and only read.
  let started: Simulator | undefined;
  const sim = (): Simulator => {
    if (!started) throw new Error('simulator not started');
    return started;
  };
  beforeAll(async () => {
    started = await startSimulator({ port: 0 });
  });
  afterAll(async () => {
    await started?.close();
  });

  it('list --json (via npx tsx) prints the demo staff member’s open todos as one JSON array', async () => {
    const exit = await run(['list', '--json'], simEnv(sim()), 'npx');
    expect(exit.code).toBe(0);
    expect(exit.stderr).toBe('');
    const todos = JSON.parse(exit.stdout) as Array<Record<string, unknown>>;
    const expected = sim()
      .admin.todos()
      .filter((t) => t.sate === 0 && (JSON.parse(t.recipientData) as string[]).includes('b08'))
      .map((t) => t.id);
    expect(todos.map((t) => t.id).sort()).toEqual(expected.sort());
    for (const t of todos) expect(Object.keys(t)).toEqual(TODO_KEYS);
  });

  it('doctor passes', async () => {
    const exit = await run(['doctor'], simEnv(sim()));
    expect(exit.code).toBe(0);
    expect(exit.stdout.trimEnd().split('\n').map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'ok config',
      'ok token',
      'ok count',
      'ok staff',
    ]);
    expect(exit.stderr).toBe('');
  });

  it('wrong secret → exit 3', async () => {
    const exit = await run(['list'], simEnv(sim(), { YOUMI_CLIENT_SECRET: 'wrong-secret' }));
    expectOneLine(exit, 3, /^error: client id or secret rejected \(invalid_client\)/);
    expect(exit.stdout).toBe('');
  });

  it('unknown staff → exit 5, with the code’s Chinese meaning', async () => {
    const exit = await run(['list', '--json', '--staff', 'b99'], simEnv(sim()));
    expectOneLine(exit, 5, /^error: business error 200010 员工号不存在 \(staff code does not exist\): check --staff$/);
  });

  it('no server → exit 4', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    const exit = await run(['list'], simEnv(sim(), { YOUMI_BASE_URL: url, YOUMI_TOKEN_URL: `${url}/connect/token` }));
    expectOneLine(exit, 4, new RegExp(`^error: POST /connect/token: cannot reach 127\\.0\\.0\\.1:${port}: connection refused \\(ECONNREFUSED\\)$`));
  });

  it('missing base URL → exit 2', async () => {
    const exit = await run(['list'], simEnv(sim(), { YOUMI_BASE_URL: '' }));
    expectOneLine(exit, 2, /^error: base URL is not set \(--base-url or YOUMI_BASE_URL\)$/);
  });

  it('unknown command → exit 2 with the usage line', async () => {
    const exit = await run(['frobnicate'], {});
    expectOneLine(exit, 2, /^error: unknown command "frobnicate"; usage: /);
  });

  it('sim starts the simulator, prints "listening URL" first, serves, and stops cleanly on SIGTERM', async () => {
    // `node --import tsx` rather than the tsx wrapper: the wrapper relays signals on a 30 ms
    // deadline and SIGKILLs on a slow machine, which would test tsx rather than this CLI.
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'sim', '--port', '0', '--seed', '7'], {
      cwd: ROOT,
      env: cleanEnv(),
      detached: true, // its own process group, so cleanup reaches the simulator child too
    });
    const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    let url = '';
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('error', reject);
        setTimeout(() => reject(new Error('sim did not print a line in time')), 30_000);
      });
      const m = /^listening (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
      expect(m).not.toBeNull();
      url = m?.[1] ?? '';
      const client = createYoumiClient({ baseUrl: url, tokenUrl: `${url}/connect/token`, clientId: 'demo-client', clientSecret: 'demo-secret' });
      try {
        await expect(client.countTodos({ remindStaff: 'b08', usersate: 0 })).resolves.toBeGreaterThan(0);
      } finally {
        await client.close();
      }
      child.kill('SIGTERM');
      expect(await closed).toBe(0);
    } finally {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }
    // The simulator went down with it.
    const after = createYoumiClient({ baseUrl: url, tokenUrl: `${url}/connect/token`, clientId: 'c', clientSecret: 'secret', maxRetries: 0 });
    try {
      await expect(after.countTodos({})).rejects.toMatchObject({ kind: 'network' });
    } finally {
      await after.close();
    }
  });
});
