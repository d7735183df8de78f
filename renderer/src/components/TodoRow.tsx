import { memo, type CSSProperties, type MouseEvent } from 'react';
import type { TodoItem } from '../model/grouping';
import { useActions, useApp } from '../store/context';
import { AccountIcon } from './AccountIcon';
import { CustomerLabel } from './CustomerLabel';
import { OpenChatButton, RowActBar } from './RowActBar';
import { LevelChip } from './LevelChip';
import { RemindTime } from './RemindTime';
import { TodoDetails } from './TodoDetails';
import { TodoBadges } from './TodoBadges';
import type { RowText } from './rowText';
import { collapsedHeight } from './rowHeight';

interface Props {
  item: TodoItem;
  rowKey: string;
  index: number;
  active: boolean;
  start: number;
  /** Only expanded rows are measured; collapsed ones have a fixed height. */
  measureRef: ((el: HTMLElement | null) => void) | undefined;
  text: RowText;
}

/** One todo (level-2 treegrid row): level, title, content, customer, account, time, badges, actions. */
export const TodoRow = memo(function TodoRow({ item, rowKey, index, active, start, measureRef, text }: Props) {
  const { t } = text;
  const actions = useActions();
  const { todo } = item;
  const id = todo.id;
  const selected = useApp((s) => s.selected.has(id));
  const expanded = useApp((s) => s.expanded.has(id));
  const menuOpen = useApp((s) => s.snoozeMenu?.anchorKey === rowKey);
  const open = item.group !== 'done';
  const inner = active ? 0 : -1;
  const style: CSSProperties = { transform: `translateY(${start}px)`, height: expanded ? undefined : collapsedHeight(Boolean(todo.content)) };
  const account = todo.account.nick ?? todo.account.wechatNo;

  const onRowClick = (e: MouseEvent): void => {
    if (e.shiftKey && open) actions.toggleSelect(id, true);
  };
  const className = ['todo-row', `in-${item.group}`, selected ? 'selected' : '', expanded ? 'expanded' : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div
      role="row"
      aria-level={2}
      aria-rowindex={index + 1}
      aria-selected={open ? selected : undefined}
      tabIndex={active ? 0 : -1}
      className={className}
      data-key={rowKey}
      data-index={index}
      data-todo-id={id}
      ref={measureRef}
      style={style}
      onClick={onRowClick}
      onFocus={() => actions.setActive(rowKey)}
    >
      <div role="gridcell" className="row-select">
        {open && (
          <input
            type="checkbox"
            checked={selected}
            tabIndex={inner}
            aria-label={t('row.select', { title: todo.title })}
            onClick={(e) => e.stopPropagation()}
            onChange={(e) => actions.toggleSelect(id, (e.nativeEvent as globalThis.MouseEvent).shiftKey === true)}
          />
        )}
      </div>
      <div role="gridcell" className="row-main">
        <div className="row-title-line">
          <LevelChip level={todo.level} />
          <span className="row-title" title={todo.title}>
            {todo.title}
          </span>
          <TodoBadges item={item} text={text} />
        </div>
        {todo.content && !expanded && <p className="row-content">{todo.content}</p>}
        <div className="row-meta">
          <CustomerLabel todo={todo} text={text} tabIndex={inner} />
          {account && (
            <span className="meta-item account" title={t('row.accountTitle', { name: account })}>
              <AccountIcon kind={todo.account.kind} label={t(`accountKind.${todo.account.kind}`)} />
              <span className="meta-text">{account}</span>
            </span>
          )}
          <span className="meta-item completion" title={t('row.completion', { value: t(`completion.${todo.completion}`) })}>
            {t(`completionShort.${todo.completion}`)}
          </span>
        </div>
        {expanded && <TodoDetails item={item} text={text} />}
        {expanded && open && <RowActBar todo={todo} text={text} tabIndex={inner} />}
      </div>
      <div role="gridcell" className="row-side">
        <RemindTime iso={todo.remindAt} overdue={item.group === 'overdue'} text={text} />
        <div className="row-actions">
          {open && (
            <>
              <button type="button" className="btn btn-small btn-primary" tabIndex={inner} title={t('row.doneTitle')} onClick={() => void actions.markDone([id])}>
                {t('row.done')}
              </button>
              <OpenChatButton todo={todo} text={text} tabIndex={inner} />
              <button
                type="button"
                className="btn btn-small snooze-btn"
                tabIndex={inner}
                title={t('row.snoozeTitle')}
                aria-haspopup="menu"
                aria-expanded={menuOpen}
                onClick={() => actions.openSnooze([id], rowKey)}
              >
                {t('row.snooze')}
              </button>
            </>
          )}
          {item.doneLocal && (
            <button type="button" className="btn btn-small" tabIndex={inner} title={t('row.restoreTitle')} onClick={() => void actions.restore(id)}>
              {t('row.restore')}
            </button>
          )}
          <button
            type="button"
            className={expanded ? 'btn btn-icon expand-btn expanded' : 'btn btn-icon expand-btn'}
            tabIndex={inner}
            aria-expanded={expanded}
            aria-label={expanded ? t('row.collapse') : t('row.expand')}
            title={expanded ? t('row.collapse') : t('row.expand')}
            onClick={() => actions.toggleExpanded(id)}
          >
            <span className="chevron" aria-hidden="true" />
          </button>
        </div>
      </div>
    </div>
  );
});
