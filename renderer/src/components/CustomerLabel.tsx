import type { TodoView } from '../../../shared/contract/types';
import { useActOps } from '../hooks/useAct';
import { customerName } from '../store/actStore';
import { useApp } from '../store/context';
import type { RowText } from './rowText';

/** The customer in a row: nickname or remark first, the WeChat id second, and a copy button. */
export function CustomerLabel({ todo, text, tabIndex }: { todo: TodoView; text: RowText; tabIndex: number }) {
  const { t } = text;
  const name = useApp((s) => customerName(s.snapshot, todo));
  const ops = useActOps();
  if (!todo.customer) return null;
  return (
    <span className="meta-item customer" title={t('row.customerTitle', { id: todo.customer })}>
      <span className="sr-only">{t('row.customer')}</span>
      {name ? (
        <>
          <span className="customer-name">{name}</span>
          <span className="customer-id">{todo.customer}</span>
        </>
      ) : (
        <span className="customer-id only">{todo.customer}</span>
      )}
      <button
        type="button"
        className="btn btn-icon copy-btn"
        tabIndex={tabIndex}
        aria-label={t('act.copyTitle')}
        title={t('act.copyTitle')}
        onClick={(e) => {
          e.stopPropagation();
          void ops.copyCustomer(todo.id);
        }}
      >
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path fill="currentColor" d="M5 1h8a2 2 0 0 1 2 2v8h-2V3H5V1Zm-2 4h7a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2Zm0 2v7h7V7H3Z" />
        </svg>
      </button>
    </span>
  );
}
