import type { ReactNode } from 'react';
import type { TodoItem } from '../model/grouping';
import { useApp } from '../store/context';
import type { RowText } from './rowText';

/** Repeat, snooze, done-here and handled-elsewhere marks (inline, in the row's detail line). */
export function TodoBadges({ item, text }: { item: TodoItem; text: RowText }) {
  const { t, fmt } = text;
  const repeatMin = useApp((s) => s.settings?.repeatIntervalMin);
  const now = useApp((s) => s.now);
  const { todo } = item;
  const handedTo = useApp((s) => (item.doneLocal ? s.snapshot?.handoffs?.[todo.id] : undefined));
  const badges: ReactNode[] = [];

  if (item.group !== 'done' && todo.isAlways) {
    badges.push(
      <span key="always" className="badge badge-always" title={t('settings.repeatHint')}>
        {repeatMin ? t('row.always', { count: repeatMin }) : t('row.alwaysNoInterval')}
      </span>,
    );
  }
  if (item.group !== 'done' && item.snoozedUntil !== null) {
    badges.push(
      <span key="snooze" className="badge badge-snooze" title={fmt.absolute(item.snoozedUntil)}>
        {t('row.snoozedUntil', { time: fmt.short(item.snoozedUntil, now) })}
      </span>,
    );
  }
  if (item.doneLocal && handedTo) {
    badges.push(
      <span key="handoff" className="badge badge-handoff" title={handedTo.code}>
        {t('act.handedTo', { name: handedTo.name ?? handedTo.code })}
      </span>,
    );
  } else if (item.doneLocal) {
    badges.push(
      <span key="local" className="badge badge-local" title={t('row.doneLocalTitle')}>
        {t('row.doneLocal')}
      </span>,
    );
  } else if (todo.closed) {
    badges.push(
      <span key="closed" className={`badge badge-closed closed-${todo.closed.reason}`}>
        {t(`closed.${todo.closed.reason}`)}
      </span>,
    );
  }
  return badges.length === 0 ? null : <>{badges}</>;
}
