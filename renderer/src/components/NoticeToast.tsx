import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { translateError } from '../model/errors';
import { useTimeFormat } from '../hooks/useTimeFormat';
import type { Notice } from '../store/appStore';
import { useActions, useApp } from '../store/context';
import { toMs } from '../model/time';

function noticeText(t: TFunction, notice: Notice, formatTime: (ms: number) => string): string {
  switch (notice.kind) {
    case 'failed':
      return t('toast.failed', { reason: translateError(t, notice.error) });
    case 'undone':
      return t('toast.undone', { count: notice.count });
    case 'restored':
      return t('toast.restored');
    case 'saved':
      return t('toast.saved');
    case 'snoozed': {
      const count = notice.count;
      if (notice.choice === '10m') return t('toast.snoozed10m', { count });
      if (notice.choice === '1h') return t('toast.snoozed1h', { count });
      if (notice.choice === 'tomorrow') return t('toast.snoozedTomorrow', { count });
      const ms = toMs(notice.choice);
      return t('toast.snoozedAt', { count, time: ms === null ? notice.choice : formatTime(ms) });
    }
  }
}

/** Short feedback: failures (with the fix), snoozes, saves. */
export function NoticeToast() {
  const { t } = useTranslation();
  const actions = useActions();
  const notice = useApp((s) => s.notice);
  const now = useApp((s) => s.now);
  const fmt = useTimeFormat();

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => actions.dismissNotice(notice.seq), notice.kind === 'failed' ? 10_000 : 4_000);
    return () => clearTimeout(timer);
  }, [notice, actions]);

  if (!notice) return null;
  const failed = notice.kind === 'failed';
  return (
    <div className={failed ? 'toast toast-error' : 'toast'} data-toast={notice.kind}>
      <span className="toast-text">{noticeText(t, notice, (ms) => fmt.short(ms, now))}</span>
      <button type="button" className="btn btn-icon toast-close" aria-label={t('toast.dismiss')} title={t('toast.dismiss')} onClick={() => actions.dismissNotice(notice.seq)}>
        ×
      </button>
    </div>
  );
}
