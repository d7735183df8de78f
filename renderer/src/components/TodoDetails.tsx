import type { TodoItem } from '../model/grouping';
import { toMs } from '../model/time';
import { staffLabel } from '../store/actStore';
import { useApp } from '../store/context';
import type { RowText } from './rowText';

/** What Enter reveals: the full content and the rest of the todo's fields. */
export function TodoDetails({ item, text }: { item: TodoItem; text: RowText }) {
  const { t, fmt } = text;
  const { todo } = item;
  const remind = toMs(todo.remindAt);
  const next = toMs(todo.nextReminderAt);
  const created = toMs(todo.createdAt);
  const snapshot = useApp((s) => s.snapshot);
  const staff = (code: string): string => staffLabel(snapshot, code);
  return (
    <div className="row-details">
      <p className="row-content-full">{todo.content ?? t('row.noContent')}</p>
      <ul className="details-list">
        <li>{t('row.completion', { value: t(`completion.${todo.completion}`) })}</li>
        {remind !== null && <li>{t('row.remindAt', { time: fmt.absolute(remind) })}</li>}
        {next !== null && item.group !== 'done' && <li>{t('row.nextReminder', { time: fmt.absolute(next) })}</li>}
        {todo.account.wechatNo && <li>{t('row.wechatNo', { no: todo.account.wechatNo })}</li>}
        {todo.recipients.length > 0 && <li>{t('row.recipients', { list: todo.recipients.map(staff).join(t('row.separator')) })}</li>}
        {todo.creator && <li>{t('row.creator', { code: staff(todo.creator) })}</li>}
        {created !== null && <li>{t('row.createdAt', { time: fmt.absolute(created) })}</li>}
      </ul>
    </div>
  );
}
