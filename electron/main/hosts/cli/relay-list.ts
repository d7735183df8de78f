/**
 * `list --relay`: the staff member's open todos as the team relay has them (the relay
 * decides who the device belongs to; --staff is not needed), with this machine's marks.
 */
import type { CliContext } from './command';
import { openCliApp } from './app';
import { EXIT } from './exit';
import { byRemindTime, table } from './list';
import { todoJson } from './todo-json';

export async function listViaRelay(ctx: CliContext): Promise<number> {
  const app = await openCliApp(ctx);
  try {
    const r = await app.dispatch('refresh', []);
    if (!r.ok) throw new Error(r.error.detail);
    const snap = app.snapshot();
    const open = snap.todos.filter((t) => !t.closed).sort(byRemindTime);
    const names = snap.names ?? { customers: {}, staff: {} };
    if (ctx.flags.json === true) ctx.io.stdout(`${JSON.stringify(open.map((t) => todoJson(t, t.local, names)), null, 2)}\n`);
    else if (open.length === 0) ctx.io.stdout(`no open todos for ${snap.staff ?? 'this device'}\n`);
    else ctx.io.stdout(table(open, false, new Map(open.map((t) => [t.id, t.local])), names));
    return EXIT.ok;
  } finally {
    await app.stop();
  }
}
