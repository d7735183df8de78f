import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderEvent } from '../../../shared/contract/types';
import { useActions, useApp } from '../store/context';

/** Reminders raised while the window is open: their text, and a way to jump to the todo. */
export function ReminderToasts() {
  const reminders = useApp((s) => s.reminders);
  return (
    <>
      {reminders.map((reminder) => (
        <ReminderToast key={reminder.key} reminder={reminder} />
      ))}
    </>
  );
}

function ReminderToast({ reminder }: { reminder: ReminderEvent }) {
  const { t } = useTranslation();
  const actions = useActions();

  useEffect(() => {
    const timer = setTimeout(() => actions.dismissReminder(reminder.key), 10_000);
    return () => clearTimeout(timer);
  }, [reminder.key, actions]);

  const target = reminder.openTodoId;
  return (
    <div className="toast toast-reminder" data-toast="reminder">
      <span className="toast-text">
        <strong className="toast-title">{reminder.title}</strong>
        {reminder.body && <span className="toast-body">{reminder.body}</span>}
      </span>
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
    </div>
  );
}
