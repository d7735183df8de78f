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

function statusLine(s: Snapshot): string {
  const err = s.status.lastError;
  const detail = s.status.state === 'ok' ? `${s.todos.length} todos` : err ? err.detail : '';
  return `STATUS ${new Date().toISOString()} ${s.status.state}${detail ? ` ${detail}` : ''}\n`;
}

export const watchCommand: Command = {
  name: 'watch',
  usage: 'watch',
  summary: 'run the reminders headless: one STATUS line per sync change, one REMIND line per reminder (Ctrl-C ends)',
  async run(ctx) {
    let app: YoumiApp | null = null;
    app = await openCliApp(ctx, {
      notify: (r: ReminderEvent) => {
        // The todo's own title on every line, whether it came alone or in a summary; looked
        // up one by one, since a snapshot of 10,000 todos per reminder made reminders late.
        for (const id of r.todoIds) {
          ctx.io.stdout(`REMIND ${r.at} #${id} ${app?.todoTitle(id) ?? (r.kind === 'single' ? r.title : '')}\n`);
        }
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
    });
    off();
    await app.stop();
    return EXIT.ok;
  },
};
