/** `staff [--all]`: the staff codes a user can pick from (--all: former staff too). */
import type { Command } from './command';
import { openClient } from './client';
import { EXIT } from './exit';
import { renderTable } from './table';

export const staffCommand: Command = {
  name: 'staff',
  usage: 'staff [--all]',
  summary: 'list staff codes, names and departments (--all: include inactive staff)',
  options: { all: { type: 'boolean' } },
  async run(ctx) {
    const client = openClient(ctx);
    try {
      const all = ctx.flags.all === true;
      const staff = await client.listStaff({ includeInactive: all });
      if (!all) {
        ctx.io.stdout(renderTable(['CODE', 'NAME', 'DEPARTMENT'], staff.map((s) => [s.code, s.name || '-', s.depart ?? '-'])));
        return EXIT.ok;
      }
      // The server's own word for "disabled": listed with staffState 1 (all) but not with 0 (active).
      const active = new Set((await client.listStaff({ includeInactive: false })).map((s) => s.code));
      const rows = staff.map((s) => [s.code, s.name || '-', s.depart ?? '-', active.has(s.code) ? 'active' : 'disabled']);
      ctx.io.stdout(renderTable(['CODE', 'NAME', 'DEPARTMENT', 'STATUS'], rows));
      return EXIT.ok;
    } finally {
      await client.close();
    }
  },
};
