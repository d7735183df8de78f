/**
 * Acting on a todo from the terminal (issue 9): `open` (去跟进), `add`, `handoff` and
 * `customer`. They go through the same app handlers as the window, so a hand-off leaves
 * the same done mark and history entry, and exit codes follow the usual table.
 */
import type { ActivationResult, CustomerInfo } from '../../../../shared/contract/types';
import type { AppError, Result } from '../../../../shared/errors';
import { snoozeChoiceSchema } from '../../../../shared/contract/schemas';
import { SETTING_LABELS } from '../../api/config';
import { ConfigError, InvalidRequestError, YoumiError } from '../../api/errors';
import type { YoumiApp } from '../../app/types';
import { resolveSnooze } from '../../service/time-windows';
import { openCliApp } from './app';
import { openClient } from './client';
import { UsageError, type CliContext, type Command } from './command';
import { EXIT } from './exit';

/** An AppError from a handler, thrown so the runner prints one line and the right exit code. */
class HandlerError extends YoumiError {
  readonly kind: AppError['kind'];
  constructor(error: AppError) {
    super(error.detail, error.code);
    this.kind = error.kind;
  }
}

function todoId(arg: string | undefined): number {
  const n = Number((arg ?? '').replace(/^#/, ''));
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`not a todo id: ${(arg ?? '').slice(0, 20)}`);
  return n;
}

/** Runs a handler, syncing once first when this machine has not seen the todo yet. */
async function withApp<T>(ctx: CliContext, act: (app: YoumiApp) => Promise<Result<unknown>>): Promise<T> {
  const app = await openCliApp(ctx);
  try {
    let r = await act(app);
    if (!r.ok && r.error.kind === 'not-found') {
      await app.dispatch('refresh', []);
      r = await act(app);
    }
    if (!r.ok) throw new HandlerError(r.error);
    return r.value as T;
  } finally {
    await app.stop();
  }
}

const nameOf = (c: CustomerInfo): string => c.remark || c.nick || c.wxid;

export const openCommand: Command = {
  name: 'open',
  usage: 'open <id>',
  positionals: true,
  summary: "去跟进: switch your 企客聊 session to the todo's customer (does not mark it done)",
  async run(ctx) {
    if (ctx.args.length !== 1) throw new UsageError('open takes one todo id');
    const id = todoId(ctx.args[0]);
    const r = await withApp<ActivationResult>(ctx, (app) => app.dispatch('openConversation', [id]));
    ctx.io.stdout(`opened the conversation of #${id}${r.message ? `: ${r.message}` : ''}\n`);
    return EXIT.ok;
  },
};

export const handoffCommand: Command = {
  name: 'handoff',
  usage: 'handoff <id> <staff> [--note …]',
  positionals: true,
  summary: 'hand a todo to a colleague: a new todo for them (AddRecordNew), yours marked done here',
  options: { note: { type: 'string' } },
  async run(ctx) {
    if (ctx.args.length !== 2) throw new UsageError('handoff takes a todo id and a staff code');
    const id = todoId(ctx.args[0]);
    const to = (ctx.args[1] ?? '').trim();
    const note = typeof ctx.flags.note === 'string' ? ctx.flags.note : '';
    const r = await withApp<{ id: number }>(ctx, (app) => app.dispatch('handOff', [id, to, note]));
    ctx.io.stdout(`handed #${id} to ${to} as #${r.id}; #${id} is marked done here\n`);
    return EXIT.ok;
  },
};

export const addCommand: Command = {
  name: 'add',
  usage: 'add --customer <wxid> --account <id> --title … --at <10m|1h|tomorrow|ISO> [--to <staff>] [--always] [--content …] [--from 0-3]',
  summary: 'create a todo (AddRecordNew) for you, or for --to; prints the new id',
  options: {
    customer: { type: 'string' },
    account: { type: 'string' },
    title: { type: 'string' },
    at: { type: 'string' },
    to: { type: 'string' },
    always: { type: 'boolean' },
    content: { type: 'string' },
    from: { type: 'string' },
  },
  async run(ctx) {
    const str = (k: string): string => (typeof ctx.flags[k] === 'string' ? (ctx.flags[k] as string).trim() : '');
    for (const k of ['customer', 'account', 'title', 'at']) if (!str(k)) throw new UsageError(`add needs --${k}`);
    const accountId = Number(str('account'));
    if (!Number.isSafeInteger(accountId) || accountId <= 0) throw new UsageError('--account must be the operating account id (a positive integer)');
    const from = str('from') === '' ? 0 : Number(str('from'));
    if (from !== 0 && from !== 1 && from !== 2 && from !== 3) throw new UsageError('--from must be 0 (WeChat), 1 (official account), 2 (mini-program) or 3 (WeCom)');
    const at = str('at');
    if (!snoozeChoiceSchema.safeParse(at).success) throw new UsageError('--at must be 10m, 1h, tomorrow or an ISO time with offset, e.g. 2026-11-25T15:00:00+08:00');
    let remindMs: number;
    try {
      remindMs = resolveSnooze(at, Date.now());
    } catch (e) {
      throw new InvalidRequestError(e instanceof Error ? e.message : String(e));
    }
    const me = ctx.settings.staff.trim();
    if (!me) throw new ConfigError(`${SETTING_LABELS.staff} is not set`, 'staff');
    const client = openClient(ctx);
    try {
      const id = await client.addTodo({
        customer: str('customer'),
        accountKind: from,
        accountId,
        title: str('title'),
        content: str('content'),
        remindAt: new Date(remindMs).toISOString(),
        isAlways: ctx.flags.always === true,
        recipients: [str('to') || me],
        creator: me,
      });
      ctx.io.stdout(`created #${id}\n`);
      return EXIT.ok;
    } finally {
      await client.close();
    }
  },
};

export const customerCommand: Command = {
  name: 'customer',
  usage: 'customer <wxid> [--account <id>] [--json]',
  positionals: true,
  summary: "who a customer is (GetFansList): nickname, remark, WeChat number; exit 5 when no account knows them",
  options: { account: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx) {
    if (ctx.args.length !== 1 || !(ctx.args[0] ?? '').trim()) throw new UsageError('customer takes one WeChat id');
    const wxid = (ctx.args[0] ?? '').trim();
    const account = typeof ctx.flags.account === 'string' ? Number(ctx.flags.account) : null;
    if (account !== null && (!Number.isSafeInteger(account) || account <= 0)) throw new UsageError('--account must be a positive integer');
    const client = openClient(ctx);
    try {
      const info = await client.findCustomer(wxid, account);
      if (ctx.flags.json === true) {
        ctx.io.stdout(`${JSON.stringify(info, null, 2)}\n`);
      } else if (info) {
        const lines = [`${nameOf(info)} · ${wxid}`];
        if (info.nick) lines.push(`nickname: ${info.nick}`);
        if (info.remark) lines.push(`remark:   ${info.remark}`);
        if (info.wechatNo) lines.push(`wechat:   ${info.wechatNo}`);
        ctx.io.stdout(`${lines.join('\n')}\n`);
      }
      if (!info) {
        ctx.io.stderr(`error: no friend ${wxid}${account ? ` on account ${account}` : ''}`);
        return EXIT.remote;
      }
      return EXIT.ok;
    } finally {
      await client.close();
    }
  },
};
