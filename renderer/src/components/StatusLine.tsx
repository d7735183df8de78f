import { useTranslation } from 'react-i18next';
import { differenceInSeconds, formatDistanceStrict } from 'date-fns';
import { useTimeFormat } from '../hooks/useTimeFormat';
import { clockTime, toMs } from '../model/time';
import { useApp } from '../store/context';

/** "工号 b08 · 2 分钟前同步 · 下次同步 14:32"; state changes are announced politely. */
export function StatusLine() {
  const { t } = useTranslation();
  const snapshot = useApp((s) => s.snapshot);
  const now = useApp((s) => s.now);
  const { locale } = useTimeFormat();
  if (!snapshot) return null;
  const { status } = snapshot;
  const last = toMs(status.lastSuccessAt);
  const next = toMs(status.nextSyncAt);

  let synced: string;
  if (status.state === 'syncing') synced = t('status.syncing');
  else if (last === null) synced = t('status.neverSynced');
  else if (Math.abs(differenceInSeconds(now, last)) < 60) synced = t('status.syncedJustNow');
  else synced = t('status.syncedAgo', { ago: formatDistanceStrict(last, now, { addSuffix: true, locale, roundingMethod: 'floor' }) });

  const live =
    status.state === 'syncing'
      ? t('status.syncing')
      : status.state === 'offline'
        ? t('status.offline')
        : status.state === 'ok'
          ? ''
          : t('status.failed');

  const parts = [
    snapshot.staff ? t('status.staff', { code: snapshot.staff }) : null,
    synced,
    next !== null && status.state !== 'syncing' && next > now ? t('status.next', { time: clockTime(next) }) : null,
  ].filter((part): part is string => Boolean(part));

  return (
    <footer className="status-line" aria-label={t('status.label')}>
      <span className={`status-dot state-${status.state}`} aria-hidden="true" />
      <span className="status-text">{parts.join(' · ')}</span>
      <span className="sr-only" role="status">
        {live}
      </span>
    </footer>
  );
}
