import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useActions, useApp } from '../store/context';

/** "已标记完成 1 项（仅本机）[撤销]" for a few seconds after Done; Z does the same. */
export function UndoToast() {
  const { t } = useTranslation();
  const actions = useActions();
  const undo = useApp((s) => s.undo);
  const undoMs = useApp((s) => s.undoMs);

  useEffect(() => {
    if (!undo) return;
    const timer = setTimeout(() => actions.expireUndo(undo.seq), undoMs);
    return () => clearTimeout(timer);
  }, [undo, undoMs, actions]);

  if (!undo) return null;
  return (
    <div className="toast toast-undo" data-toast="undo">
      <span className="toast-text" title={t('row.doneLocalTitle')}>
        {t('toast.done', { count: undo.ids.length })}
      </span>
      <button type="button" className="btn btn-small toast-action" onClick={() => void actions.undo()}>
        {t('toast.undo')}
      </button>
    </div>
  );
}
