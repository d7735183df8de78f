/**
 * The CLI's state commands as real processes (`node --import tsx …/cli/main.ts`) against a
 * simulator in this test process, on a temp data dir: done / undo / snooze, read back
 * through `list --json`'s `local` key, and `watch` printing STATUS and REMIND lines, ending
 * on SIGTERM, and repeating nothing after a restart on the same data dir.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatChinaTime } from '../../electron/main/simulator/china-time';
import { startSimulator, type Simulator } from '../../electron/main/simulator/index';
import { cleanEnv, simEnv } from './sim-env';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = 'electron/main/hosts/cli/main.ts';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let sim: Simulator;
const dirs: string[] = [];
const children: ChildProcess[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'youmi-cli-state-'));
  dirs.push(dir);
  return dir;
}

/** Only what the CLI needs: a YOUMI_* setting in the developer's shell must not leak in. */
function env(dataDir: string, over: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...cleanEnv(),
    ...simEnv(sim, { YOUMI_DATA_DIR: dataDir, ...over }),
  };
}

function spawnCli(args: string[], e: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, env: e, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], e: NodeJS.ProcessEnv): Promise<Exit> {
  const child = spawnCli(args, e);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function expectOneLine(exit: Exit, pattern: RegExp): void {
  const lines = exit.stderr.trimEnd().split('\n');
  expect(lines, exit.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(exit.stderr).not.toMatch(/^\s+at /m);
}

interface LocalJson {
  done: boolean;
  doneAt: string | null;
  snoozedUntil: string | null;
}

async function localOf(dataDir: string, id: number): Promise<LocalJson> {
  const exit = await run(['list', '--json'], env(dataDir));
  expect(exit.code, exit.stderr).toBe(0);
  const todos = JSON.parse(exit.stdout) as { id: number; local: LocalJson }[];
  const todo = todos.find((t) => t.id === id);
  if (!todo) throw new Error(`#${id} not in list --json`);
  return todo.local;
}

/** A todo for the demo staff member (b08), due at `at` (epoch ms). */
function addTodo(title: string, at: number): number {
  return sim.admin.addTodo({ remindTitle: title, remindTime: formatChinaTime(at), recipientData: JSON.stringify([sim.demoStaff]) }).id;
}

/** A running `watch`: its stdout lines with their arrival times, and a way to wait for one. */
interface Watch {
  child: ChildProcess;
  lines: { text: string; at: number }[];
  stderr(): string;
  waitFor(pattern: RegExp, what: string, timeoutMs?: number): Promise<{ text: string; at: number }>;
  exited: Promise<number | null>;
}

function watch(dataDir: string, over: NodeJS.ProcessEnv = {}): Watch {
  const child = spawnCli(['watch'], env(dataDir, over));
  const lines: { text: string; at: number }[] = [];
  const waiters: { pattern: RegExp; resolve: (l: { text: string; at: number }) => void }[] = [];
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = { text, at: Date.now() };
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.pattern.test(text)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    waitFor(pattern, what, timeoutMs = 20_000) {
      const had = lines.find((l) => pattern.test(l.text));
      if (had) return Promise.resolve(had);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`watch printed no ${what} within ${timeoutMs} ms:\n${lines.map((l) => l.text).join('\n')}\n${stderr}`)), timeoutMs);
        void exited.then((code) => reject(new Error(`watch exited (${code}) before printing ${what}:\n${stderr}`)));
        waiters.push({
          pattern,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
      });
    },
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const remindLine = (id: number) => new RegExp(`^REMIND \\S+ #${id} `);

beforeAll(async () => {
  sim = await startSimulator({ port: 0, demoData: false });
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await sim?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// Each step is a node + tsx start (~2 s of CPU): generous timeouts for a small machine.
describe.concurrent('done, undo, snooze on the state file', { timeout: 120_000 }, () => {
  it('done marks a todo this machine has not seen yet; list --json shows it; undo clears it', async () => {
    const dir = tempDir();
    const id = addTodo('回访：确认收货', Date.now() + 3_600_000);

    const before = Date.now();
    const done = await run(['done', String(id)], env(dir));
    const after = Date.now();
    expect(done).toMatchObject({ code: 0, stderr: '' });
    expect(done.stdout).toBe(`done #${id}\n`);

    const marked = await localOf(dir, id);
    expect(marked.done).toBe(true);
    expect(marked.doneAt).toMatch(ISO);
    expect(Date.parse(marked.doneAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(marked.doneAt!)).toBeLessThanOrEqual(after);
    expect(marked.snoozedUntil).toBeNull();

    const undo = await run(['undo', `#${id}`], env(dir));
    expect(undo).toMatchObject({ code: 0, stderr: '', stdout: `reopened #${id}\n` });
    expect(await localOf(dir, id)).toEqual({ done: false, doneAt: null, snoozedUntil: null });
  });

  it('snooze 1h sets snoozedUntil about an hour from now; snooze to an ISO time keeps that instant', async () => {
    const dir = tempDir();
    const id = addTodo('回访：预约到店', Date.now() + 600_000);
    const other = addTodo('回访：寄送样品', Date.now() + 600_000);
    const before = Date.now();
    const exit = await run(['snooze', String(id), '1h'], env(dir));
    const after = Date.now();
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stderr).toBe('');
    const at = formatChinaTime(Date.now() + 2 * 86_400_000);
    const iso = await run(['snooze', String(other), at], env(dir));
    expect(iso.code, iso.stderr).toBe(0);

    const local = await localOf(dir, id);
    expect(local.done).toBe(false);
    expect(local.snoozedUntil).toMatch(ISO);
    const until = Date.parse(local.snoozedUntil!);
    expect(until).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
    expect(until).toBeLessThanOrEqual(after + 3_600_000);
    expect(exit.stdout).toBe(`snoozed #${id} until ${local.snoozedUntil}\n`);
    expect((await localOf(dir, other)).snoozedUntil).toBe(new Date(Date.parse(at)).toISOString());
  });

  it('snooze yesterday, or to a time already passed → exit 2, one stderr line, nothing changed', async () => {
    const dir = tempDir();
    const id = addTodo('回访：开票', Date.now() + 600_000);
    const exit = await run(['snooze', String(id), 'yesterday'], env(dir));
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe('');
    expectOneLine(exit, /^error: the time must be 10m, 1h, tomorrow or an ISO time/);

    const passed = await run(['snooze', String(id), formatChinaTime(Date.now() - 3_600_000)], env(dir));
    expect(passed.code).toBe(2);
    expect(passed.stdout).toBe('');
    expectOneLine(passed, /^error: .*already passed/);
    expect(await localOf(dir, id)).toEqual({ done: false, doneAt: null, snoozedUntil: null });
  });

  it('done on an unknown id → exit 2, one stderr line, no stack', async () => {
    const dir = tempDir();
    const exit = await run(['done', '999999'], env(dir));
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe('');
    expectOneLine(exit, /^error: .*999999/);
  });

  it('done with something that is not an id → exit 2', async () => {
    const exit = await run(['done', 'abc'], env(tempDir()));
    expect(exit.code).toBe(2);
    expectOneLine(exit, /^error: not a todo id: abc; usage: /);
  });
});

describe('watch', { timeout: 90_000 }, () => {
  it('with no base URL: exit 2 and one line naming the base URL setting', async () => {
    const exit = await run(['watch'], env(tempDir(), { YOUMI_BASE_URL: '' }));
    expect(exit.code).toBe(2);
    expect(exit.stdout).toBe('');
    expectOneLine(exit, /^error: base URL is not set \(--base-url or YOUMI_BASE_URL\)$/);
  });

  it('prints STATUS ok and each REMIND once, at its time; ends 0 on SIGTERM; a restart repeats nothing', async () => {
    const dir = tempDir();
    const overdueAt = Math.floor((Date.now() - 60_000) / 1000) * 1000;
    const overdue = addTodo('看门狗：早已到期', overdueAt);
    const dueAt = Math.ceil((Date.now() + 4_000) / 1000) * 1000; // whole seconds: the wire has no ms
    const soon = addTodo('看门狗：三秒后提醒', dueAt);

    const first = watch(dir);
    const status = await first.waitFor(/^STATUS /, 'STATUS line');
    expect(status.text).toMatch(/^STATUS \d{4}-\d\d-\d\dT\S+Z ok \d+ todos$/);

    const missed = await first.waitFor(remindLine(overdue), `REMIND for #${overdue}`);
    // Missed while nothing ran: delivered at start, stamped with its remind time.
    // …and says how late it is (issue 11 item 9).
    expect(missed.text).toMatch(new RegExp(`^REMIND ${escape(new Date(overdueAt).toISOString())} #${overdue} (【普通】)?看门狗：早已到期( \\(\\d+ min late\\)|（晚了 \\d+ 分钟）)$`));

    const line = await first.waitFor(remindLine(soon), `REMIND for #${soon}`, 20_000);
    expect(line.text).toMatch(new RegExp(`^REMIND ${escape(new Date(dueAt).toISOString())} #${soon} (【普通】)?看门狗：三秒后提醒$`));
    // On time: not before the remind time (when watch was up before it), and not much after.
    if (status.at < dueAt) expect(line.at).toBeGreaterThanOrEqual(dueAt - 50);
    expect(line.at - dueAt).toBeLessThan(5_000);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stderr()).toBe('');
    const reminds = first.lines.filter((l) => l.text.startsWith('REMIND'));
    expect(reminds.map((l) => l.text.split(' ')[2])).toEqual([`#${overdue}`, `#${soon}`]);

    // Same data dir, after the first ended: the old reminders are not shown again. A new
    // todo due a little later is the barrier: by its REMIND, startup's catch-up is over.
    const barrierAt = Math.ceil((Date.now() + 3_000) / 1000) * 1000;
    const barrier = addTodo('看门狗：重启后的新提醒', barrierAt);
    const second = watch(dir);
    await second.waitFor(/^STATUS \S+ ok /, 'STATUS ok line');
    await second.waitFor(remindLine(barrier), `REMIND for #${barrier}`, 20_000);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const again = second.lines.filter((l) => l.text.startsWith('REMIND'));
    expect(again.map((l) => l.text.split(' ')[2])).toEqual([`#${barrier}`]);
    expect(second.stderr()).toBe('');
  });

  it('a done from another CLI process silences a running watch', async () => {
    const dir = tempDir();
    // Room for a watch start and a done on a loaded 2-core machine (each ~3 s of tsx start-up).
    const dueAt = Math.ceil((Date.now() + 20_000) / 1000) * 1000;
    const silenced = addTodo('看门狗：已在别处完成', dueAt);
    const barrier = addTodo('看门狗：之后一秒', dueAt + 1_000);

    const w = watch(dir);
    await w.waitFor(/^STATUS \S+ ok /, 'STATUS ok line');
    const done = await run(['done', String(silenced)], env(dir));
    expect(done.code, done.stderr).toBe(0);
    // A mark recorded after the remind time would prove nothing: fail loudly instead.
    expect(Date.now(), 'the done mark must land before the remind time').toBeLessThan(dueAt - 200);

    await w.waitFor(remindLine(barrier), `REMIND for #${barrier}`, 35_000);
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect(w.lines.map((l) => l.text).filter((t) => remindLine(silenced).test(t))).toEqual([]);
    expect((await localOf(dir, silenced)).done).toBe(true);
  });

  it('ends when the process that started it goes away (npm killed by a signal it does not pass on)', async () => {
    const dir = tempDir();
    // A shell stands in for npm: it starts watch, prints its pid, and is then killed.
    const shell = spawn('sh', ['-c', `"${process.execPath}" --import tsx ${MAIN} watch >/dev/null 2>&1 & echo $!; wait`], {
      cwd: ROOT,
      env: env(dir),
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(shell);
    const pid = await new Promise<number>((resolve) => createInterface({ input: shell.stdout! }).once('line', (l) => resolve(Number(l))));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    await vi.waitFor(() => expect(existsSync(join(dir, 'state.json'))).toBe(true), { timeout: 30_000, interval: 200 });
    expect(alive()).toBe(true);
    shell.kill('SIGKILL');
    await vi.waitFor(() => expect(alive()).toBe(false), { timeout: 15_000, interval: 200 });
  });
});
