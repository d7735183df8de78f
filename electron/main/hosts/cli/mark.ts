/**
 * `done`, `undo` and `snooze`: local marks on the same state the desktop app uses. A todo
 * this machine has not seen yet is fetched first.
 */
import type { Snapshot } from '../../../../shared/contract/types';
import type { Result } from '../../../../shared/errors';
import { snoozeChoiceSchema } from '../../../../shared/contract/schemas';
import { YoumiError } from '../../api/errors';
import type { YoumiApp } from '../../app/types';
import { UsageError, type CliContext, type Command } from './command';
import { openCliApp } from './app';
import { EXIT } from './exit';

class MarkError extends YoumiError {
  readonly kind: 'invalid-request' | 'storage' | 'internal';
  constructor(kind: MarkError['kind'], message: string) {
    super(message);
    this.kind = kind;
  }
}

function ids(args: string[]): number[] {
  if (args.length === 0) throw new UsageError('give at least one todo id');
  return args.map((a) => {
    const n = Number(a.replace(/^#/, ''));
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`not a todo id: ${a.slice(0, 20)}`);
    return n;
  });
}

/** Runs `act`, syncing once first if the todo is unknown here; returns the snapshot after it. */
async function withApp(ctx: CliContext, act: (app: YoumiApp) => Promise<Result<unknown>>): Promise<Snapshot> {
  const app = await openCliApp(ctx);
  try {
    let r = await act(app);
    if (!r.ok && r.error.kind === 'not-found') {
      await app.dispatch('refresh', []);
      r = await act(app);
    }
    if (!r.ok) {
      // An id that is neither in the list nor on the server is a mistake on the command line.
      if (r.error.kind === 'not-found') throw new UsageError(r.error.detail.replace(/^unknown todo ids:/, 'no such todo for this staff member:'), false);
      const kind = r.error.kind === 'storage' || r.error.kind === 'invalid-request' ? r.error.kind : 'internal';
      throw new MarkError(kind, r.error.detail);
    }
    return app.snapshot();
  } finally {
    await app.stop();
  }
}

export const doneCommand: Command = {
  name: 'done',
  usage: 'done <id> [id…]',
  positionals: true,
  summary: 'mark todos done on this machine (the API cannot complete a todo); stops their reminders',
  async run(ctx) {
    const list = ids(ctx.args);
    await withApp(ctx, (app) => app.dispatch('markDone', [list]));
    ctx.io.stdout(`done ${list.map((i) => `#${i}`).join(' ')}\n`);
    return EXIT.ok;
  },
};

export const undoCommand: Command = {
  name: 'undo',
  usage: 'undo <id> [id…]',
  positionals: true,
  summary: 'take back a done mark; reminders resume',
  async run(ctx) {
    const list = ids(ctx.args);
    let neverDone: number[] = [];
    await withApp(ctx, async (app) => {
      const before = new Map(app.snapshot().todos.map((t) => [t.id, t.local.done]));
      neverDone = list.filter((id) => before.get(id) === false);
      // Undo of a todo that is not done changes nothing: say so rather than "reopened".
      if (neverDone.length === list.length) return { ok: true, value: null };
      return app.dispatch('undoDone', [list.filter((id) => !neverDone.includes(id))]);
    });
    const reopened = list.filter((id) => !neverDone.includes(id));
    if (reopened.length > 0) ctx.io.stdout(`reopened ${reopened.map((i) => `#${i}`).join(' ')}\n`);
    if (neverDone.length > 0) throw new UsageError(`${neverDone.map((i) => `#${i}`).join(' ')} was not done; nothing to undo`, false);
    return EXIT.ok;
  },
};

export const snoozeCommand: Command = {
  name: 'snooze',
  usage: 'snooze <id> <10m|1h|tomorrow|ISO time>',
  positionals: true,
  summary: 'remind again later (tomorrow = 09:00 local time)',
  async run(ctx) {
    const [id, choice, ...rest] = ctx.args;
    if (id === undefined || choice === undefined || rest.length > 0) throw new UsageError('snooze takes a todo id and a time');
    if (!snoozeChoiceSchema.safeParse(choice).success) {
      throw new UsageError('the time must be 10m, 1h, tomorrow or an ISO time with offset, e.g. 2026-11-25T15:00:00+08:00');
    }
    const list = ids([id]);
    const after = await withApp(ctx, (app) => app.dispatch('snooze', [list, choice]));
    const view = after.todos.find((t) => t.id === list[0]);
    ctx.io.stdout(`snoozed #${list[0]}${view?.local.snoozedUntil ? ` until ${view.local.snoozedUntil}` : ''}\n`);
    return EXIT.ok;
  },
};
