/**
 * The terminal's form of a reminder, shared by `cli watch` and the browser host:
 * `REMIND <due ISO> #<id> <title>` per todo, and how late when shown over a minute after
 * its time, so a pipe or a terminal sees every reminder the moment it is raised.
 */
import type { ReminderEvent } from '../../../shared/contract/types';
import type { UiLanguage } from '../../../shared/language';
import { lateBy } from '../service/reminder-text';

export function remindLines(r: ReminderEvent, title: (id: number) => string | undefined, lang: UiLanguage, now: number): string {
  const late = now - Date.parse(r.at);
  const suffix = r.kind === 'single' && late >= 60_000 ? (lang === 'en' ? ` (${lateBy(late, 'en')} late)` : `（晚了 ${lateBy(late, 'zh-CN')}）`) : '';
  // The todo's own title on every line, whether it came alone or in a summary.
  return r.todoIds.map((id) => `REMIND ${r.at} #${id} ${title(id) ?? (r.kind === 'single' ? r.title : '')}${suffix}\n`).join('');
}
