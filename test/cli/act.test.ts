/**
 * `open`, `add`, `handoff`, `customer` and the names in `list` (issue 9), in-process
 * (runCli with captured output) against the simulator over HTTP, on a temp data dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/main/hosts/cli/run';
import { formatChinaTime } from '../../electron/main/simulator/china-time';
import { useSimulator } from '../api/harness';
import { simEnv } from './sim-env';

const WXID = 'wxid_8k2m4n6p0q1r3s';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string[];
}

describe('CLI: acting on a todo', () => {
  const sim = useSimulator({}, { demoData: false });

  async function cli(args: string[], dataDir?: string): Promise<Run> {
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'youmi-cli-act-'));
    if (!dataDir) dirs.push(dir);
    let stdout = '';
    const stderr: string[] = [];
    const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (l) => stderr.push(l) }, simEnv(sim(), { YOUMI_DATA_DIR: dir }));
    return { code, stdout, stderr };
  }
  const soon = (): string => formatChinaTime(Date.now() + 3600_000);

  it('customer <wxid> prints the name first and the WeChat id second; an unknown one exits 5', async () => {
    const known = await cli(['customer', WXID, '--account', '3430']);
    expect(known).toMatchObject({ code: 0, stderr: [] });
    expect(known.stdout.split('\n')[0]).toBe(`周老师(复购3次) · ${WXID}`);
    expect(known.stdout).toContain('nickname: 周老师');
    const unknown = await cli(['customer', 'wxid_nobody']);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toEqual(['error: no friend wxid_nobody']);
    expect((await cli(['customer'])).code).toBe(2);
  });

  it('open <id> activates the conversation without marking the todo done', async () => {
    const id = sim().admin.addTodo({ remindTitle: '回访', weixin: WXID, remindTime: soon() }).id;
    const dir = mkdtempSync(join(tmpdir(), 'youmi-cli-act-'));
    dirs.push(dir);
    const r = await cli(['open', String(id)], dir);
    expect(r).toMatchObject({ code: 0, stdout: `opened the conversation of #${id}\n`, stderr: [] });
    expect(sim().admin.activations()).toEqual([expect.objectContaining({ friend: WXID, staffCode: 'b08' })]);
    const list = JSON.parse((await cli(['list', '--json'], dir)).stdout) as { id: number; local: { done: boolean } }[];
    expect(list.find((t) => t.id === id)?.local.done).toBe(false);
  });

  it('open <id> reports the server refusal on one line with exit 5', async () => {
    const id = sim().admin.addTodo({ remindTitle: '回访', weixin: 'wxid_not_a_friend', remindTime: soon() }).id;
    const r = await cli(['open', String(id)]);
    expect(r.code).toBe(5);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/200009/);
  });

  it('add creates a todo for me or for --to, with the documented fields; a past time is refused (exit 2)', async () => {
    const mine = await cli(['add', '--customer', WXID, '--account', '3430', '--title', '再回访', '--at', '1h', '--always']);
    expect(mine.code).toBe(0);
    const id = Number(/created #(\d+)/.exec(mine.stdout)?.[1]);
    expect(sim().admin.todos().find((t) => t.id === id)).toMatchObject({ weixin: WXID, remindTitle: '再回访', isAlways: true, recipientData: '["b08"]', sffId: 'b08' });
    const theirs = await cli(['add', '--customer', WXID, '--account', '3430', '--title', '给李四', '--at', 'tomorrow', '--to', 'b11']);
    const other = Number(/created #(\d+)/.exec(theirs.stdout)?.[1]);
    expect(sim().admin.todos().find((t) => t.id === other)?.recipientData).toBe('["b11"]');
    const past = await cli(['add', '--customer', WXID, '--account', '3430', '--title', 'x', '--at', '2020-01-01T10:00:00+08:00']);
    expect(past.code).toBe(2);
    expect((await cli(['add', '--customer', WXID, '--title', 'x', '--at', '1h'])).stderr[0]).toMatch(/add needs --account/);
  });

  it('handoff <id> <staff> --note creates it for the colleague and marks mine done here', async () => {
    const id = sim().admin.addTodo({ remindTitle: '确认收货', weixin: WXID, remindTime: soon() }).id;
    const dir = mkdtempSync(join(tmpdir(), 'youmi-cli-act-'));
    dirs.push(dir);
    const r = await cli(['handoff', String(id), 'b11', '--note', '客户要退货'], dir);
    expect(r.code).toBe(0);
    const created = Number(/as #(\d+)/.exec(r.stdout)?.[1]);
    expect(sim().admin.todos().find((t) => t.id === created)).toMatchObject({ recipientData: '["b11"]', followupsiTuation: '客户要退货' });
    const list = JSON.parse((await cli(['list', '--json', '--all'], dir)).stdout) as { id: number; local: { done: boolean } }[];
    expect(list.find((t) => t.id === id)?.local.done).toBe(true);
    expect((await cli(['handoff', String(id), 'b99'], dir)).code).toBe(5); // 200010 from the server
  });

  it('list shows names; list --json adds `names` and keeps every other key as it was', async () => {
    const id = sim().admin.addTodo({ remindTitle: '点赞', weixin: WXID, sffId: 'b03', recipientData: '["b08","b11"]', remindTime: soon() }).id;
    const table = await cli(['list']);
    expect(table.stdout).toContain(`周老师(复购3次) · ${WXID}`);
    const json = JSON.parse((await cli(['list', '--json'])).stdout) as Record<string, unknown>[];
    const item = json.find((t) => t['id'] === id);
    expect(item?.['customer']).toBe(WXID);
    expect(item?.['creator']).toBe('b03');
    expect(item?.['names']).toEqual({ customer: '周老师(复购3次)', customerNick: '周老师', customerRemark: '周老师(复购3次)', creator: '王经理', recipients: ['张三', '李四'] });
  });
});
