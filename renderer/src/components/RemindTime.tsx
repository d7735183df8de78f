import { useApp } from '../store/context';
import { toMs } from '../model/time';
import type { RowText } from './rowText';

/** Remind time as relative text, with the absolute local time on hover. */
export function RemindTime({ iso, overdue, text }: { iso: string | null; overdue: boolean; text: RowText }) {
  const { t, fmt } = text;
  const now = useApp((s) => s.now);
  const ms = toMs(iso);
  if (ms === null || iso === null) return <span className="remind-time muted">{t('row.noRemindTime')}</span>;
  const absolute = fmt.absolute(ms);
  return (
    <time className={overdue ? 'remind-time overdue' : 'remind-time'} dateTime={iso} title={t('row.remindAt', { time: absolute })}>
      {fmt.relative(ms, now)}
    </time>
  );
}
