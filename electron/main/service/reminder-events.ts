/**
 * The one policy that turns due occurrences into reminder events: each fresh occurrence is
 * one `single` event, except that more than SUMMARY_OVER missed (late) ones at once become
 * one `summary` event, so a laptop waking after a weekend does not fire a burst. Every
 * host (Electron notifications, the browser host, `cli watch`) shows these events as they
 * come; none decides again.
 */
import type { ReminderEvent } from '../../../shared/contract/types';
import { singleBody, singleTitle, summaryBody, summaryTitle, type ReminderLanguage } from './reminder-text';
import type { DueItem } from './scheduler';

/** Up to this many missed reminders are shown one by one; more become one summary. */
export const SUMMARY_OVER = 3;

export interface EventContext {
  language: ReminderLanguage;
  repeatMinutes: number;
  now: number;
}

const iso = (t: number) => new Date(t).toISOString();

export function reminderEvents(fresh: readonly (DueItem & { key: string })[], x: EventContext): ReminderEvent[] {
  const { language: lang, now } = x;
  const events: ReminderEvent[] = [];
  const missed = fresh.filter((it) => it.late);
  const summarise = missed.length > SUMMARY_OVER;
  for (const it of fresh) {
    if (it.late && summarise) continue;
    events.push({
      key: it.key,
      kind: 'single',
      todoIds: [it.todo.id],
      title: singleTitle(it.todo, lang),
      body: singleBody(
        { todo: it.todo, repeatMinutes: x.repeatMinutes, missedDue: it.late ? it.firstDue : null, snoozed: it.snoozed, now },
        lang,
      ),
      repeats: it.todo.isAlways,
      openTodoId: it.todo.id,
      at: iso(it.due),
    });
  }
  if (summarise) {
    events.push({
      key: `summary@${iso(now)}`,
      kind: 'summary',
      todoIds: missed.map((it) => it.todo.id),
      title: summaryTitle(missed.length, lang),
      body: summaryBody(
        missed.map((it) => it.todo),
        lang,
      ),
      repeats: missed.some((it) => it.todo.isAlways),
      openTodoId: missed[0]!.todo.id,
      at: iso(now),
    });
  }
  return events;
}
