import { useTranslation } from 'react-i18next';
import { useApp } from '../store/context';

/** Todos just created here (再跟进, 新建, not 转交): shown at once, until the next sync brings them by id. */
export function PendingList() {
  const { t } = useTranslation();
  const pending = useApp((s) => s.snapshot?.pending);
  const staff = useApp((s) => s.snapshot?.staff ?? null);
  const mine = (pending ?? []).filter((p) => staff === null || p.recipients.includes(staff));
  if (mine.length === 0) return null;
  return (
    <ul className="pending-list" aria-label={t('act.pending')}>
      {mine.map((p) => (
        <li key={p.id} className="pending-item" data-pending-id={p.id}>
          <span className="badge badge-pending" title={t('act.pendingTitle')}>
            {t('act.pending')}
          </span>
          <span className="pending-title">{p.title}</span>
        </li>
      ))}
    </ul>
  );
}
