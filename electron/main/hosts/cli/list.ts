/**
 * `list [--json] [--all]`: the staff member's open todos; --all adds the handled and
 * cancelled ones still addressed to them. --json prints one JSON array of todoJson().
 */
import type { PeopleNames } from '../../../../shared/contract/types';
import type { LocalMark, Todo } from '../../../../shared/todo';
import { SETTING_LABELS } from '../../api/config';
import { ConfigError } from '../../api/errors';
import { isAddressedTo } from '../../api/mine';
import type { ListResult } from '../../api/types';
import type { CliContext, Command } from './command';
import { openCliApp } from './app';
import { openClient } from './client';
import { listViaRelay } from './relay-list';
import { EXIT } from './exit';
import { renderTable } from './table';
import { todoJson } from './todo-json';

/** Soonest first; todos without a remind time last; ties by id, so output is stable. */
export function byRemindTime(a: Todo, b: Todo): number {
  if (a.remindAt !== b.remindAt) {
    if (a.remindAt === null) return 1;
    if (b.remindAt === null) return -1;
    return a.remindAt < b.remindAt ? -1 : 1;
  }
  return a.id - b.id;
}

const NAMES_WAIT_MS = 3000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local wall-clock time of the machine running the CLI. */
function localTime(iso: string | null): string {
  if (iso === null) return '-';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** What this machine did with a todo: "done", "snoozed HH:MM", or "-". */
function markText(mark: LocalMark | undefined): string {
  if (mark?.done) return 'done';
  if (mark?.snoozedUntil) return `snoozed ${localTime(mark.snoozedUntil).slice(-5)}`;
  return '-';
}

/** "周老师 · wxid_…": the name first, the WeChat id second; the bare id when unknown. */
function customerCell(t: Todo, names: PeopleNames): string {
  if (!t.customer) return '-';
  const info = names.customers[`${t.account.id ?? 0}|${t.customer}`];
  const name = info ? info.remark || info.nick : null;
  return name ? `${name} · ${t.customer}` : t.customer;
}

export function table(todos: Todo[], withState: boolean, marks: Map<number, LocalMark>, names: PeopleNames): string {
  const header = ['ID', 'REMIND', 'MARK', ...(withState ? ['STATE'] : []), 'LEVEL', 'CUSTOMER', 'TITLE'];
  const rows = todos.map((t) => [
    String(t.id),
    localTime(t.remindAt) + (t.isAlways ? ' ↻' : ''),
    markText(marks.get(t.id)),
    ...(withState ? [t.state] : []),
    t.level.name ?? '-',
    customerCell(t, names),
    t.title || '(no title)',
  ]);
  return renderTable(header, rows);
}

/**
 * What this machine knows of each todo (done, snoozed), from the desktop app's state file,
 * and the names of its customers and staff (cached for a day, shared with the app).
 */
async function localMarks(ctx: CliContext, todos: readonly Todo[]): Promise<{ marks: Map<number, LocalMark>; names: PeopleNames }> {
  const app = await openCliApp(ctx);
  try {
    // Names are worth a short wait, not a slow list: after NAMES_WAIT_MS, what is known is printed.
    const names = await Promise.race([
      app.lookupNames(todos),
      new Promise<PeopleNames>((resolve) => setTimeout(() => resolve(app.snapshot().names ?? { customers: {}, staff: {} }), NAMES_WAIT_MS).unref()),
    ]);
    return { marks: new Map(app.snapshot().todos.map((t) => [t.id, t.local])), names };
  } finally {
    await app.stop();
  }
}

export const listCommand: Command = {
  name: 'list',
  usage: 'list [--json] [--all]',
  summary: "the staff member's open todos (--all: also handled and cancelled; --json: one JSON array)",
  options: { json: { type: 'boolean' }, all: { type: 'boolean' } },
  async run(ctx) {
    if (ctx.settings.relay) return listViaRelay(ctx);
    const client = openClient(ctx);
    try {
      const staff = ctx.settings.staff.trim();
      if (!staff) throw new ConfigError(`${SETTING_LABELS.staff} is not set`, 'staff');
      const all = ctx.flags.all === true;
      let result: ListResult;
      if (all) {
        const everything = await client.listTodos({ remindStaff: staff, usersate: -1 });
        result = { ...everything, todos: everything.todos.filter((t) => isAddressedTo(t, staff)) };
      } else {
        result = await client.listMyOpenTodos(staff);
      }
      const todos = [...result.todos].sort(byRemindTime);
      if (todos.length === 0 && ctx.flags.json !== true) {
        ctx.io.stdout(all ? `no todos for ${staff}\n` : `no open todos for ${staff}\n`);
      } else {
        const { marks, names } = await localMarks(ctx, todos);
        if (ctx.flags.json === true) ctx.io.stdout(`${JSON.stringify(todos.map((t) => todoJson(t, marks.get(t.id), names)), null, 2)}\n`);
        else ctx.io.stdout(table(todos, all, marks, names));
      }
      if (result.skipped > 0) {
        ctx.io.stderr(`warning: ${result.skipped} todo items could not be read and were left out (--verbose shows why)`);
      }
      if (result.incomplete) ctx.io.stderr('warning: the server paged inconsistently; the list may be incomplete');
      return EXIT.ok;
    } finally {
      await client.close();
    }
  },
};
