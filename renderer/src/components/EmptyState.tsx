import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/errors';
import { translateError } from '../model/errors';
import { useActions } from '../store/context';

/** "全部处理完了" when nothing is open; "没有找到" when search or filter hide everything; "还没有取到待办" before the first good sync. */
export function EmptyState({ kind }: { kind: 'all-done' | 'no-match' | 'no-list' }) {
  const { t } = useTranslation();
  const actions = useActions();
  if (kind === 'no-match') {
    return (
      <div className="empty-state">
        <p className="empty-title">{t('empty.noMatch')}</p>
        <button type="button" className="btn btn-small" onClick={() => actions.clearFilters()}>
          {t('empty.clearFilters')}
        </button>
      </div>
    );
  }
  if (kind === 'no-list') {
    return (
      <div className="empty-state">
        <p className="empty-title">{t('empty.noList')}</p>
        <p className="empty-hint">{t('empty.noListHint')}</p>
      </div>
    );
  }
  return (
    <div className="empty-state all-done">
      <svg className="empty-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
        <path fill="currentColor" d="M12 2a10 10 0 1 1 0 20 10 10 0 0 1 0-20Zm4.3 6.3L10.5 14l-2.8-2.8-1.4 1.4 4.2 4.2 7.2-7.1-1.4-1.4Z" />
      </svg>
      <p className="empty-title">{t('empty.allDone')}</p>
      <p className="empty-hint">{t('empty.allDoneHint')}</p>
    </div>
  );
}

/** The first snapshot or the settings could not be read: say why, offer a retry. */
export function LoadError({ error }: { error: AppError }) {
  const { t } = useTranslation();
  const actions = useActions();
  return (
    <div className="empty-state">
      <p className="empty-title" role="alert">
        {translateError(t, error)}
      </p>
      <button type="button" className="btn btn-small" onClick={() => actions.reload()}>
        {t('banner.retry')}
      </button>
    </div>
  );
}
