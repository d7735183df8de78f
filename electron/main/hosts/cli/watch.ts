/**
 * `watch`: the service headless. One line per sync status change and one per reminder,
 * written straight to stdout so a pipe sees each the moment it happens.
 */
import type { ReminderEvent, Snapshot } from '../../../../shared/contract/types';
import type { YoumiApp } from '../../app/types';
import { SETTING_LABELS } from '../../api/config';
import { ConfigError } from '../../api/errors';
import type { Command } from './command';
import { openCliApp } from './app';
import { EXIT } from './exit';
import { remindLines } from '../remind-line';

function statusLine(s: Snapshot): string {
  const err = s.status.lastError;
  const detail = s.status.state === 'ok' ? `${s.todos.length} todos` : err ? err.detail : '';
  return `STATUS ${new Date().toISOString()} ${s.status.state}${detail ? ` ${detail}` : ''}\n`;
}

/** How often watch checks that the process that started it is still there. */
const PARENT_CHECK_MS = 1000;

export const watchCommand: Command = {
  name: 'watch',
  usage: 'watch',
  summary: 'run the reminders headless: one STATUS line per sync change, one REMIND line per reminder (Ctrl-C ends)',
  async run(ctx) {
    // Taken first: by the time the service is up, the parent may already have gone.
    const parent = process.ppid;
    let app: YoumiApp | null = null;
    app = await openCliApp(ctx, {
      notify: (r: ReminderEvent) => {
        // Each todo's title looked up one by one: a snapshot of 10,000 todos per reminder made reminders late.
        ctx.io.stdout(remindLines(r, (id) => app?.todoTitle(id), ctx.settings.language, Date.now()));
      },
    });
    const s = app.settings();
    const missing = (
      [
        ['baseUrl', s.baseUrl],
        ['clientId', s.clientId],
        ['clientSecret', s.clientSecretSet],
        ['staff', s.staffCode],
      ] as const
    ).find(([, v]) => !v)?.[0];
    if (missing && !ctx.settings.relay) {
      await app.stop();
      throw new ConfigError(`${SETTING_LABELS[missing]} is not set`, missing);
    }
    let lastState = '';
    const off = app.onSnapshot((s) => {
      const key = `${s.status.state}|${s.status.lastError?.detail ?? ''}`;
      if (s.status.state !== 'syncing' && key !== lastState) {
        lastState = key;
        ctx.io.stdout(statusLine(s));
      }
    });
    await app.start();
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
      // `npm run cli -- watch` killed by a signal npm does not pass on (or a parent that
      // dies): this process is re-parented, and a watch nobody can stop must end.
      const orphaned = setInterval(() => {
        if (process.ppid !== parent) resolve();
      }, PARENT_CHECK_MS);
      orphaned.unref();
    });
    off();
    await app.stop();
    return EXIT.ok;
  },
};
