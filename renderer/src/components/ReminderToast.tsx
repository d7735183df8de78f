import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderEvent } from '../../../shared/contract/types';
import type { ListModel } from '../model/grouping';
import { selectList } from '../store/appStore';
import { useActions, useApp } from '../store/context';

/** How long the stack stays once its newest reminder shows, unless the pointer or focus is on it. */
export const REMINDER_TOAST_MS = 10_000;

/**
 * Reminders that still ask for something: a single one leaves once its todo is done or
 * snoozed (here, from its notification, or in another window), whoever did it.
 */
function pendingReminders(reminders: readonly ReminderEvent[], model: ListModel, now: number): readonly ReminderEvent[] {
  const handled = (r: ReminderEvent): boolean => {
    if (r.kind !== 'single' || r.todoIds.length !== 1) return false;
    const item = model.item(r.todoIds[0]!);
    return item !== undefined && (item.group === 'done' || (item.snoozedUntil !== null && item.snoozedUntil > now));
  };
  return reminders.filter((r) => !handled(r));
}

/**
 * Reminders raised while the window is open, stacked: the newest shows, with how many more
 * wait behind it, and 完成 / 推迟 for its todo. It sits in the layout above the status line
 * (not over the list), so every row and its buttons stay reachable at the popup's 380 px.
 */
export function ReminderStack() {
  const { t } = useTranslation();
  const actions = useActions();
  const all = useApp((s) => s.reminders);
  const model = useApp(selectList);
  const now = useApp((s) => s.now);
  const reminders = useMemo(() => pendingReminders(all, model, now), [all, model, now]);
  const [held, setHeld] = useState(false);
  const top = reminders[0];
  const more = reminders.length - 1;

  // The time counts from when this reminder came to the top (not from the last snapshot).
  const shown = useRef(reminders);
  shown.current = reminders;
  const topKey = top?.key;
  useEffect(() => {
    if (topKey === undefined || held) return;
    const timer = setTimeout(() => {
      for (const r of shown.current) actions.dismissReminder(r.key);
    }, REMINDER_TOAST_MS);
    return () => clearTimeout(timer);
  }, [topKey, held, actions]);

  return (
    <section className="reminder-stack" aria-live="polite" aria-label={t('toast.reminders')}>
      {top && (
        <div
          className="toast toast-reminder"
          data-toast="reminder"
          onMouseEnter={() => setHeld(true)}
          onMouseLeave={() => setHeld(false)}
          onFocus={() => setHeld(true)}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget)) setHeld(false);
          }}
        >
          <span className="toast-text">
            <strong className="toast-title">{top.title}</strong>
            {top.body && <span className="toast-body">{top.body}</span>}
            {more > 0 && <span className="toast-more">{t('toast.more', { count: more })}</span>}
          </span>
          <ReminderButtons reminder={top} />
        </div>
      )}
    </section>
  );
}

function ReminderButtons({ reminder }: { reminder: ReminderEvent }) {
  const { t } = useTranslation();
  const actions = useActions();
  const target = reminder.openTodoId;
  // Done and snooze only for one todo: on a summary they would act on todos not shown here.
  const single = reminder.kind === 'single' && reminder.todoIds.length === 1 ? reminder.todoIds[0]! : null;
  return (
    <span className="toast-actions">
      {single !== null && (
        <>
          <button
            type="button"
            className="btn btn-small toast-action"
            title={t('toast.reminderDoneTitle')}
            onClick={() => {
              actions.dismissReminder(reminder.key);
              void actions.markDone([single]);
            }}
          >
            {t('toast.reminderDone')}
          </button>
          <button type="button" className="btn btn-small toast-action snooze-btn" aria-haspopup="menu" onClick={() => actions.openSnooze([single], 'reminder')}>
            {t('toast.reminderSnooze')}
          </button>
        </>
      )}
      {target !== null && (
        <button
          type="button"
          className="btn btn-small toast-action"
          onClick={() => {
            actions.focusTodo(target);
            actions.dismissReminder(reminder.key);
          }}
        >
          {t('toast.view')}
        </button>
      )}
      <button type="button" className="btn btn-icon toast-close" aria-label={t('toast.dismiss')} title={t('toast.dismiss')} onClick={() => actions.dismissReminder(reminder.key)}>
        ×
      </button>
    </span>
  );
}
