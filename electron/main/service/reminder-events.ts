/**
 * The one policy that turns due occurrences into reminder events: each fresh occurrence is
 * one `single` event, except that more than SUMMARY_OVER missed (late) ones at once become
 * one `summary` event, so a laptop waking after a weekend does not fire a burst; and at
 * most BURST.max single events go out per BURST.windowMs, the rest wait for the window's
 * end and come as one summary (many todos due at 09:00). Every host (Electron
 * notifications, the browser host, `cli watch`) shows these events as they come; none
 * decides again.
 */
import type { ReminderEvent } from '../../../shared/contract/types';
import { toIso } from '../../../shared/time';
import type { Clock, TimerHandle } from './ports';
import { burstTitle, singleBody, singleTitle, summaryBody, summaryTitle, type ReminderLanguage } from './reminder-text';
import type { Fresh } from './marks';
import type { DueItem } from './scheduler';

/** Up to this many missed reminders are shown one by one; more become one summary. */
export const SUMMARY_OVER = 3;

export interface EventContext {
  language: ReminderLanguage;
  repeatMinutes: number;
  now: number;
}


export function reminderEvents(fresh: readonly Fresh<DueItem>[], x: EventContext): ReminderEvent[] {
  const { language: lang, now } = x;
  const events: ReminderEvent[] = [];
  let missed = 0;
  for (const f of fresh) if (f.item.late) missed++;
  const summarise = missed > SUMMARY_OVER;
  for (const { item: it, key, dueIso } of fresh) {
    if (it.late && summarise) continue;
    // The body first: it makes the todo's texts the title then reuses.
    const body = singleBody(
      { todo: it.todo, repeatMinutes: x.repeatMinutes, missedDue: it.late ? it.firstDue : null, snoozed: it.snoozed, now },
      lang,
    );
    events.push({
      key,
      kind: 'single',
      todoIds: [it.todo.id],
      title: singleTitle(it.todo, lang),
      body,
      repeats: it.todo.isAlways,
      openTodoId: it.todo.id,
      at: dueIso,
    });
  }
  if (summarise) {
    const late = fresh.filter((f) => f.item.late).map((f) => f.item.todo);
    events.push({
      key: `summary@${toIso(now)}`,
      kind: 'summary',
      todoIds: late.map((t) => t.id),
      title: summaryTitle(late.length, lang),
      body: summaryBody(late, lang),
      repeats: late.some((t) => t.isAlways),
      openTodoId: late[0]!.id,
      at: toIso(now),
    });
  }
  return events;
}

/** At most `max` single events per `windowMs`; the rest become one summary at the window's end. */
export const BURST = { max: 3, windowMs: 2000 } as const;

/** The reminder that stands for `extra` single reminders held back from a burst. */
export function burstSummary(extra: readonly ReminderEvent[], lang: ReminderLanguage, at: string): ReminderEvent {
  const ids = extra.flatMap((r) => r.todoIds);
  return {
    key: `summary@${at}`,
    kind: 'summary',
    todoIds: ids,
    title: burstTitle(ids.length, lang),
    body: extra
      .slice(0, 5)
      .map((r) => r.title)
      .join('\n'),
    repeats: extra.some((r) => r.repeats),
    openTodoId: ids[0] ?? null,
    at,
  };
}

export interface BurstGate {
  /** Sends the event on now, or holds it (a single beyond the burst limit). */
  push(event: ReminderEvent): void;
  /**
   * True while events wait for the window's end. Their occurrences are recorded as delivered
   * in memory only: the caller saves them once they were shown (`onFlushed`), so a crash in
   * the window repeats them instead of losing them.
   */
  holding(): boolean;
  /** Sends what is held at once and drops the timer (the service stops: shown, not lost). */
  stop(): void;
}

/** Applies the burst limit on the service's clock; `send` is each host's notifier (and the window). */
export function createBurstGate(o: {
  clock: Clock;
  language: () => ReminderLanguage;
  send: (event: ReminderEvent) => void;
  /** After held events were sent: the moment to save their delivery. */
  onFlushed?: () => void;
  limit?: { max: number; windowMs: number };
}): BurstGate {
  const { clock } = o;
  const limit = o.limit ?? BURST;
  let windowStart = -Infinity;
  let sentInWindow = 0;
  let held: ReminderEvent[] = [];
  let timer: TimerHandle | null = null;

  const flush = () => {
    timer = null;
    const batch = held;
    held = [];
    if (batch.length === 1) o.send(batch[0]!);
    else if (batch.length > 1) o.send(burstSummary(batch, o.language(), toIso(clock.now())));
    if (batch.length > 0) o.onFlushed?.();
  };

  return {
    push(event) {
      if (event.kind === 'single') {
        const t = clock.now();
        if (t - windowStart >= limit.windowMs) {
          windowStart = t;
          sentInWindow = 0;
        }
        if (sentInWindow >= limit.max) {
          if (timer === null) timer = clock.setTimer(flush, Math.max(0, windowStart + limit.windowMs - t));
          held.push(event);
          return;
        }
        sentInWindow++;
      }
      o.send(event);
    },
    holding: () => held.length > 0,
    stop() {
      if (timer !== null) clock.clearTimer(timer);
      flush();
    },
  };
}
