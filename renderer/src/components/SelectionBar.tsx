import { useTranslation } from 'react-i18next';
import { useActions, useApp } from '../store/context';

/** Bulk actions once rows are selected (checkboxes, shift-click, x). */
export function SelectionBar() {
  const { t } = useTranslation();
  const actions = useActions();
  const count = useApp((s) => s.selected.size);
  if (count === 0) return null;
  return (
    <div className="selection-bar" role="group" aria-label={t('selection.label')}>
      <span className="selection-count">{t('selection.count', { count })}</span>
      <button type="button" className="btn btn-small btn-primary" title={t('row.doneTitle')} onClick={() => void actions.markDone()}>
        {t('selection.done')}
      </button>
      <button type="button" className="btn btn-small snooze-btn" aria-haspopup="menu" onClick={() => actions.openSnooze(undefined, 'selection')}>
        {t('selection.snooze')}
      </button>
      <button type="button" className="btn btn-small btn-ghost" onClick={() => actions.clearSelection()}>
        {t('selection.clear')}
      </button>
    </div>
  );
}
