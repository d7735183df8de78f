import type { TodoView } from '../../../shared/contract/types';
import { useActOps } from '../hooks/useAct';
import type { RowText } from './rowText';

/** In an expanded open row: 去跟进, 再跟进…, 转交给…, each with its key in the tooltip. */
export function RowActBar({ todo, text, tabIndex }: { todo: TodoView; text: RowText; tabIndex: number }) {
  const { t } = text;
  const ops = useActOps();
  return (
    <div className="row-act-bar" role="group" aria-label={t('act.open')}>
      {todo.customer && (
        <button type="button" className="btn btn-small act-open" tabIndex={tabIndex} title={t('act.openTitle')} onClick={() => void ops.openConversation(todo.id)}>
          {t('act.open')}
        </button>
      )}
      {todo.customer && todo.account.id !== null && (
        <button type="button" className="btn btn-small act-followup" tabIndex={tabIndex} title={t('act.followUpTitle')} onClick={() => ops.open({ kind: 'followup', todoId: todo.id })}>
          {t('act.followUp')}
        </button>
      )}
      {todo.account.id !== null && (
        <button type="button" className="btn btn-small act-handoff" tabIndex={tabIndex} title={t('act.handOffTitle')} onClick={() => ops.open({ kind: 'handoff', todoId: todo.id })}>
          {t('act.handOff')}
        </button>
      )}
    </div>
  );
}

/** The row's own 去跟进: a chat icon next to 完成 / 推迟 (the popup has no room for a word). */
export function OpenChatButton({ todo, text, tabIndex }: { todo: TodoView; text: RowText; tabIndex: number }) {
  const { t } = text;
  const ops = useActOps();
  if (!todo.customer) return null;
  return (
    <button type="button" className="btn btn-icon open-chat-btn" tabIndex={tabIndex} aria-label={t('act.openTitle')} title={t('act.openTitle')} onClick={() => void ops.openConversation(todo.id)}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <path fill="currentColor" d="M2 2h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H6l-3.5 3V12H2a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1Zm1 2v6h1.5v1.2L6 10h7V4H3Z" />
      </svg>
    </button>
  );
}
