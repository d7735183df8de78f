import { useTranslation } from 'react-i18next';
import { NoticeToast } from './NoticeToast';
import { UndoToast } from './UndoToast';

/**
 * One polite live region for the short toasts, present from the start so screen readers
 * hear additions. Reminders have their own stack in the list's layout (ReminderToast.tsx).
 */
export function Toasts() {
  const { t } = useTranslation();
  return (
    <section className="toasts" aria-live="polite" aria-label={t('toast.region')}>
      <NoticeToast />
      <UndoToast />
    </section>
  );
}
