import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActOps, useActState } from '../hooks/useAct';
import { useTimeFormat } from '../hooks/useTimeFormat';
import { useApp } from '../store/context';

/** 已完成 beyond today: what I did here in the last 30 days, searchable, with undo where it still applies. */
export function HistoryView() {
  const { t } = useTranslation();
  const ops = useActOps();
  const fmt = useTimeFormat();
  const history = useActState((s) => s.history);
  const snapshot = useApp((s) => s.snapshot);
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    search.current?.focus();
    void ops.loadHistory();
  }, [ops]);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (history ?? []).filter((e) => !q || `${e.title} ${e.customer ?? ''} ${e.to?.name ?? ''} ${e.to?.code ?? ''} #${e.todoId}`.toLowerCase().includes(q));
  }, [history, query]);

  // An undo applies only while the done mark is still this machine's (the todo is still known and done here).
  const stillDone = (todoId: number): boolean => snapshot?.todos.some((x) => x.id === todoId && x.local.done) ?? false;

  return (
    <div className="act-backdrop" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), ops.close())}>
      <section className="act-dialog history" role="dialog" aria-modal="true" aria-labelledby="history-heading">
        <h2 id="history-heading" className="act-heading">
          {t('act.history')}
        </h2>
        <input ref={search} type="search" className="history-search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('act.historySearch')} aria-label={t('act.historySearch')} />
        {history !== null && shown.length === 0 ? (
          <p className="history-empty">{t('act.historyEmpty')}</p>
        ) : (
          <ul className="history-list">
            {shown.map((e) => (
              <li key={e.key} className={`history-item kind-${e.kind}`}>
                <div className="history-line">
                  <span className={`badge history-kind`}>{e.kind === 'handoff' && e.to ? t('act.handedTo', { name: e.to.name ?? e.to.code }) : t(`act.kind.${e.kind}`)}</span>
                  <span className="history-title">{e.title}</span>
                </div>
                <div className="history-meta">
                  <span>{fmt.absolute(Date.parse(e.at))}</span>
                  {e.customer && <span className="customer-id">{e.customer}</span>}
                  {e.newTodoId ? <span>#{e.newTodoId}</span> : null}
                  {e.undoable && stillDone(e.todoId) && (
                    <button type="button" className="btn btn-small history-undo" onClick={() => void ops.undoHistory(e)}>
                      {t('act.undo')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
        <div className="act-buttons">
          <button type="button" className="btn" onClick={() => ops.close()}>
            {t('act.historyClose')}
          </button>
        </div>
      </section>
    </div>
  );
}
