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
      const staff = await client.listStaff({ includeInactive: ctx.flags.all === true });
      const rows = staff.map((s) => [s.code, s.name || '-', s.depart ?? '-']);
      ctx.io.stdout(renderTable(['CODE', 'NAME', 'DEPARTMENT'], rows));
      return EXIT.ok;
    } finally {
      await client.close();
    }
  },
};
