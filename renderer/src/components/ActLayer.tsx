import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useActOps, useActState } from '../hooks/useAct';
import { actError } from '../model/actErrors';
import type { ActMessage } from '../store/actStore';
import { useActions } from '../store/context';
import { ActDialog } from './ActDialog';
import { HistoryView } from './HistoryView';
import '../styles/act.css';

function messageText(t: TFunction, m: ActMessage): string {
  switch (m.kind) {
    case 'opened':
      return m.message ? `${t('act.opened', { name: m.name })} · ${t('act.openedMessage', { message: m.message })}` : t('act.opened', { name: m.name });
    case 'copied':
      return t('act.copied', { id: m.id });
    case 'copyFailed':
      return t('act.copyFailed');
    case 'created':
      return t('act.created', { id: m.id });
    case 'handedOff':
      return t('act.handedOff', { name: m.name });
    case 'failed':
      return actError(t, m.error);
  }
}

/** The dialogs and the result line of acting on a todo, over the list. */
export function ActLayer() {
  const { t } = useTranslation();
  const ops = useActOps();
  const actions = useActions();
  const dialog = useActState((s) => s.dialog);
  const message = useActState((s) => s.message);

  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => ops.dismiss(message.seq), message.kind === 'failed' ? 10_000 : 4_000);
    return () => clearTimeout(timer);
  }, [message, ops]);

  return (
    <>
      {dialog?.kind === 'history' && <HistoryView />}
      {dialog && dialog.kind !== 'history' && dialog.kind !== 'markOriginal' && <ActDialog key={JSON.stringify(dialog)} dialog={dialog} />}
      {dialog?.kind === 'markOriginal' && (
        <div className="act-prompt" role="alertdialog" aria-labelledby="mark-original">
          <span id="mark-original">{t('act.markOriginal')}</span>
          <button
            type="button"
            className="btn btn-small btn-primary"
            autoFocus
            onClick={() => {
              ops.close();
              void actions.markDone([dialog.todoId]);
            }}
          >
            {t('act.markOriginalYes')}
          </button>
          <button type="button" className="btn btn-small" onClick={() => ops.close()}>
            {t('act.markOriginalNo')}
          </button>
        </div>
      )}
      {message && (
        <div className={message.kind === 'failed' ? 'toast toast-error act-toast' : 'toast act-toast'} role="status" data-act-message={message.kind}>
          <span className="toast-text">{messageText(t, message)}</span>
          <button type="button" className="btn btn-icon toast-close" aria-label={t('toast.dismiss')} title={t('toast.dismiss')} onClick={() => ops.dismiss(message.seq)}>
            ×
          </button>
        </div>
      )}
    </>
  );
}

/** 新建待办 and 历史 in the header. */
export function HeaderActButtons() {
  const { t } = useTranslation();
  const ops = useActOps();
  return (
    <>
      <button type="button" className="btn btn-icon new-todo-btn" aria-label={t('act.newTodoTitle')} title={t('act.newTodoTitle')} onClick={() => ops.open({ kind: 'new' })}>
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path fill="currentColor" d="M7 2h2v5h5v2H9v5H7V9H2V7h5V2Z" />
        </svg>
      </button>
      <button type="button" className="btn btn-icon history-btn" aria-label={t('act.historyTitle')} title={t('act.historyTitle')} onClick={() => ops.open({ kind: 'history' })}>
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
          <path fill="currentColor" d="M8 1a7 7 0 1 1-6.9 8.2h2A5 5 0 1 0 4.5 4.4L6 6H1V1l2 2A7 7 0 0 1 8 1Zm-1 3h2v3.6l2.5 1.5-1 1.7L7 8.7V4Z" />
        </svg>
      </button>
    </>
  );
}
