/**
 * The CLI in-process (runCli with captured output) against the simulator: argument
 * handling, settings, output formats and exit codes. test/cli/e2e.test.ts runs the real
 * process for the end-to-end cases.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/main/hosts/cli/run';
import { todoJson } from '../../electron/main/hosts/cli/todo-json';
import { parseTodoItem } from '../../electron/main/api/parse';
import { closedPort, envelope, sendJson, startStub, useSimulator } from '../api/harness';
import { simEnv } from './sim-env';
import { TODO_KEYS } from './todo-keys';


interface Run {
  code: number;
  stdout: string;
  stderr: string[];
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  let stdout = '';
  const stderr: string[] = [];
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (l) => stderr.push(l) }, env);
  return { code, stdout, stderr };
}


function expectOneErrorLine(run: Run, code: number, line: string | RegExp): void {
  expect(run.code).toBe(code);
  expect(run.stderr).toHaveLength(1);
  if (typeof line === 'string') expect(run.stderr[0]).toBe(line);
  else expect(run.stderr[0]).toMatch(line);
}

const USAGE = 'usage: npm run -s cli -- <doctor|staff|list|watch|done|undo|snooze|open|add|handoff|customer|sim> [options] (--help for details)';

describe('command line', () => {
  it('prints help with every command and exits 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const c of ['doctor', 'staff [--all]', 'list [--json] [--all]', 'sim [--port N]']) expect(run.stdout).toContain(c);
    expect(run.stderr).toEqual([]);
  });

  it.each([
    [[], 'error: no command given'],
    [['lst'], 'error: unknown command "lst"'],
    [['list', '--jsn'], 'error: unknown option --jsn'],
    [['staff', '--json'], 'error: unknown option --json'],
    [['list', 'extra'], 'error: list takes no arguments'],
    [['list', '--staff'], 'error: --staff needs a value'],
    [['list', '--json=yes'], 'error: --json takes no value'],
  ])('%j → usage line, exit 2', async (args, start) => {
    expectOneErrorLine(await cli(args), 2, `${start}; ${USAGE}`);
  });

  it('names the missing setting and where to set it (exit 2)', async () => {
    expectOneErrorLine(await cli(['list']), 2, 'error: base URL is not set (--base-url or YOUMI_BASE_URL)');
    expectOneErrorLine(
      await cli(['list'], { YOUMI_BASE_URL: 'http://127.0.0.1:1', YOUMI_CLIENT_ID: 'x' }),
      2,
      'error: client secret is not set (--client-secret or YOUMI_CLIENT_SECRET)',
    );
  });

  it('renders a JSON element with exactly the documented keys, and nothing a later field adds', () => {
    const r = parseTodoItem({ id: 1, remindTitle: 't', recipientData: '["b08"]', sate: 0 });
    if (!r.ok) throw new Error(r.reason);
    const json = todoJson({ ...r.todo, extra: 'x' } as typeof r.todo);
    expect(Object.keys(json)).toEqual(TODO_KEYS);
    expect(Object.keys(json.account as object)).toEqual(['id', 'wechatNo', 'nick', 'kind']);
    expect(Object.keys(json.level as object)).toEqual(['name', 'color']);
    // issue 3: what this machine knows, defaulting to "nothing"
    expect(json.local).toEqual({ done: false, doneAt: null, snoozedUntil: null });
  });
});

describe('commands against the simulator', () => {
  const sim = useSimulator();

  const addressedToDemo = () =>
    sim()
      .admin.todos()
      .filter((t) => (JSON.parse(t.recipientData) as string[]).includes(sim().demoStaff));

  it('list --json prints one array of the open todos addressed to the staff, soonest first', async () => {
    const run = await cli(['list', '--json'], simEnv(sim()));
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual([]);
    const todos = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(Array.isArray(todos)).toBe(true);
    for (const t of todos) expect(Object.keys(t)).toEqual(TODO_KEYS);
    const expected = addressedToDemo().filter((t) => t.sate === 0).map((t) => t.id);
    expect(todos.map((t) => t.id).sort()).toEqual(expected.sort());
    expect(todos.every((t) => t.state === 'open')).toBe(true);
    const times = todos.map((t) => t.remindAt).filter((x): x is string => x !== null);
    expect(times).toEqual([...times].sort());
    expect(todos.slice(times.length).every((t) => t.remindAt === null)).toBe(true);
  });

  it('list --json --all adds the handled and cancelled todos still addressed to the staff', async () => {
    const run = await cli(['list', '--json', '--all'], simEnv(sim()));
    expect(run.code).toBe(0);
    const todos = JSON.parse(run.stdout) as Array<{ id: number; state: string }>;
    expect(todos.map((t) => t.id).sort()).toEqual(addressedToDemo().map((t) => t.id).sort());
    expect(new Set(todos.map((t) => t.state))).toEqual(new Set(['open', 'handled', 'cancelled']));
  });

  it('the flag wins over the environment', async () => {
    const port = await closedPort();
    const run = await cli(['list', '--json', '--base-url', sim().url], simEnv(sim(), { YOUMI_BASE_URL: `http://127.0.0.1:${port}` }));
    expect(run.code).toBe(0);
  });

  it('list prints a table with a row per todo', async () => {
    const run = await cli(['list'], simEnv(sim()));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+REMIND\s+MARK\s+LEVEL\s+CUSTOMER\s+TITLE$/);
    expect(lines).toHaveLength(1 + addressedToDemo().filter((t) => t.sate === 0).length);
  });

  it('list says so when there is nothing', async () => {
    sim().admin.reset({ demoData: false });
    const run = await cli(['list'], simEnv(sim()));
    expect(run).toMatchObject({ code: 0, stdout: 'no open todos for b08\n', stderr: [] });
  });

  it('staff prints code, name and department; --all adds former staff', async () => {
    const run = await cli(['staff'], simEnv(sim()));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^CODE\s+NAME\s+DEPARTMENT\n/);
    expect(run.stdout).toMatch(/^b08\s+张三\s+客服部$/m);
    expect(run.stdout).not.toMatch(/^b20/m);
    const all = (await cli(['staff', '--all'], simEnv(sim()))).stdout;
    expect(all).toMatch(/^CODE\s+NAME\s+DEPARTMENT\s+STATUS\n/);
    expect(all).toMatch(/^b20\s+刘七\s+客服部\s+disabled$/m);
    expect(all).toMatch(/^b08\s+张三\s+客服部\s+active$/m);
  });

  it('doctor prints one ok line per check and exits 0', async () => {
    const run = await cli(['doctor'], simEnv(sim()));
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual([]);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, 12))).toEqual(['ok   config ', 'ok   token  ', 'ok   count  ', 'ok   staff  ']);
  });

  it('doctor stops at the first failure and says which and why', async () => {
    const run = await cli(['doctor'], simEnv(sim(), { YOUMI_CLIENT_SECRET: 'wrong-secret' }));
    expect(run.code).toBe(3);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toEqual(['FAIL token  client id or secret rejected (invalid_client): check --client-id and --client-secret']);
    const staff = await cli(['doctor', '--staff', 'b99'], simEnv(sim()));
    expect(staff.code).toBe(5);
    expect(staff.stderr).toEqual([
      'FAIL staff  business error 200010 员工号不存在 (staff code does not exist): b99 is not in the staff list: check --staff',
    ]);
  });

  it('wrong secret → exit 3', async () => {
    expectOneErrorLine(
      await cli(['list'], simEnv(sim(), { YOUMI_CLIENT_SECRET: 'nope-nope' })),
      3,
      'error: client id or secret rejected (invalid_client): check --client-id and --client-secret',
    );
  });

  it('unknown staff → exit 5 with the Chinese meaning', async () => {
    expectOneErrorLine(
      await cli(['list', '--staff', 'b99'], simEnv(sim())),
      5,
      'error: business error 200010 员工号不存在 (staff code does not exist): check --staff',
    );
  });

  it('business error and bad response → exit 5', async () => {
    sim().admin.injectFault({ kind: 'business', errmsg: 200011, path: '/v2/Todo/GetChargeDaffairesList' });
    expectOneErrorLine(await cli(['list'], simEnv(sim())), 5, 'error: business error 200011 服务器错误 (server error)');
    sim().admin.injectFault({ kind: 'malformed-json', path: '/v2/System/GetStaffList' });
    expectOneErrorLine(await cli(['staff'], simEnv(sim())), 5, /^error: POST \/v2\/System\/GetStaffList: the response is not valid JSON/);
  });

  it('--verbose shows diagnostics on stderr', async () => {
    const run = await cli(['list', '--json', '--verbose'], simEnv(sim()));
    expect(run.code).toBe(0);
    expect(run.stderr.some((l) => l === 'log: access token obtained (expires in 7200 s)')).toBe(true);
  });
});

describe('CLI edges (issue 11 item 11)', () => {
  const sim = useSimulator();
  const dataDir = () => mkdtempSync(join(tmpdir(), 'youmi-cli-edges-'));
  const openIds = () =>
    sim()
      .admin.todos()
      .filter((t) => t.sate === 0 && t.remindTime && (JSON.parse(t.recipientData) as string[]).includes(sim().demoStaff))
      .map((t) => t.id);

  it('list (table) marks done and snoozed todos', async () => {
    const env = simEnv(sim(), { YOUMI_DATA_DIR: dataDir() });
    const [done, snoozed] = openIds();
    expect((await cli(['done', String(done)], env)).code).toBe(0);
    expect((await cli(['snooze', String(snoozed), '1h'], env)).code).toBe(0);
    const lines = (await cli(['list'], env)).stdout.split('\n');
    expect(lines.find((l) => l.startsWith(`${done} `))).toMatch(/\sdone\s/);
    expect(lines.find((l) => l.startsWith(`${snoozed} `))).toMatch(/\ssnoozed \d\d:\d\d\s/);
    expect(lines.filter((l) => /\s(done|snoozed)/.test(l))).toHaveLength(2);
  });

  it('undo on a todo that was never done says so and exits 2', async () => {
    const env = simEnv(sim(), { YOUMI_DATA_DIR: dataDir() });
    const [id] = openIds();
    const run = await cli(['undo', String(id)], env);
    expectOneErrorLine(run, 2, `error: #${id} was not done; nothing to undo`);
    expect(run.stdout).toBe('');
  });

  it('done on an id that does not exist exits 2 with a clear line', async () => {
    const run = await cli(['done', '999999'], simEnv(sim(), { YOUMI_DATA_DIR: dataDir() }));
    expectOneErrorLine(run, 2, 'error: no such todo for this staff member: 999999');
  });
});

describe('CLI language', () => {
  it('help lists --lang; a bad --lang is a usage error', async () => {
    expect((await cli(['--help'])).stdout).toMatch(/--lang zh-CN\|en/);
    const bad = await cli(['list', '--lang', 'fr']);
    expectOneErrorLine(bad, 2, /^error: --lang takes zh-CN or en; usage: /);
  });

  it('English by default, Chinese on a Chinese locale or with --lang zh-CN', async () => {
    const { resolveSettings } = await import('../../electron/main/hosts/cli/settings');
    expect(resolveSettings({}, { LANG: 'C' }).language).toBe('en');
    expect(resolveSettings({}, { LANG: 'de_DE.UTF-8' }).language).toBe('en');
    expect(resolveSettings({}, { LANG: 'zh_CN.UTF-8' }).language).toBe('zh-CN');
    expect(resolveSettings({ lang: 'zh-CN' }, { LANG: 'en_US.UTF-8' }).language).toBe('zh-CN');
    expect(resolveSettings({ lang: 'en' }, { LC_ALL: 'zh_CN.UTF-8' }).language).toBe('en');
  });
});

describe('warnings', () => {
  it('warns once about items it could not read, and still exits 0', async () => {
    const stub = await startStub((req, res) => {
      if (req.path.endsWith('Count')) return sendJson(res, envelope(3));
      sendJson(res, envelope([{ id: 1, sate: 0, recipientData: '["b08"]', remindTitle: 'ok' }, { id: 'bad' }, 7]));
    });
    const run = await cli(['list', '--json'], {
      YOUMI_BASE_URL: stub.url,
      YOUMI_TOKEN_URL: stub.tokenUrl,
      YOUMI_CLIENT_ID: 'c',
      YOUMI_CLIENT_SECRET: 'stub-secret-value',
      YOUMI_STAFF: 'b08',
    });
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(1);
    expect(run.stderr).toEqual(['warning: 2 todo items could not be read and were left out (--verbose shows why)']);
  });
});
