import { useTranslation } from 'react-i18next';
import { NoticeToast } from './NoticeToast';
import { ReminderToasts } from './ReminderToast';
import { UndoToast } from './UndoToast';

/** One polite live region for every toast, present from the start so screen readers hear additions. */
export function Toasts() {
  const { t } = useTranslation();
  return (
    <section className="toasts" aria-live="polite" aria-label={t('toast.region')}>
      <ReminderToasts />
      <NoticeToast />
      <UndoToast />
    </section>
  );
}
