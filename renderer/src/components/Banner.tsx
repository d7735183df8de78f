import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { translateError } from '../model/errors';
import { toMs } from '../model/time';
import { useTimeFormat } from '../hooks/useTimeFormat';
import { useActions, useApp } from '../store/context';

type Tone = 'info' | 'warn' | 'error';

export function Banner(props: { tone: Tone; kind: string; children: ReactNode; action?: { label: string; run: () => void } }) {
  return (
    <div className={`banner banner-${props.tone}`} data-banner={props.kind}>
      <span className="banner-text">{props.children}</span>
      {props.action && (
        <button type="button" className="btn btn-small banner-action" onClick={props.action.run}>
          {props.action.label}
        </button>
      )}
    </div>
  );
}

/** Sync problems (each with the action that fixes it), demo mode and paused reminders. */
export function Banners() {
  const { t } = useTranslation();
  const actions = useActions();
  const snapshot = useApp((s) => s.snapshot);
  const now = useApp((s) => s.now);
  const fmt = useTimeFormat();
  if (!snapshot) return null;
  const { status, reminders } = snapshot;
  const retry = { label: t('banner.retry'), run: () => void actions.refresh() };
  const settings = { label: t('banner.openSettings'), run: () => actions.openSettings('account') };
  const reason = status.lastError ? translateError(t, status.lastError) : t('errors.internal');
  const items: ReactNode[] = [];

  if (status.state === 'offline')
    items.push(<Banner key="offline" kind="offline" tone="warn" action={retry}>{t('banner.offline')}</Banner>);
  else if (status.state === 'auth-failed')
    items.push(
      <Banner key="auth" kind="auth-failed" tone="error" action={settings}>
        {t('banner.authFailed', { reason })}
      </Banner>,
    );
  else if (status.state === 'config-missing')
    items.push(<Banner key="config" kind="config-missing" tone="warn" action={settings}>{t('banner.configMissing')}</Banner>);
  else if (status.state === 'error')
    items.push(
      <Banner key="error" kind="error" tone="error" action={retry}>
        {t('banner.error', { reason })}
      </Banner>,
    );

  if (snapshot.demo)
    items.push(
      <Banner key="demo" kind="demo" tone="info" action={{ label: t('banner.connect'), run: () => actions.openSettings('account') }}>
        {t('banner.demo')}
      </Banner>,
    );

  const pausedUntil = toMs(reminders.pausedUntil);
  if (pausedUntil !== null && pausedUntil > now)
    items.push(
      <Banner key="paused" kind="paused" tone="info" action={{ label: t('banner.resume'), run: () => void actions.resume() }}>
        {t('banner.paused', { time: fmt.short(pausedUntil, now) })}
      </Banner>,
    );
  else if (reminders.quietNow)
    items.push(<Banner key="quiet" kind="quiet" tone="info">{t('banner.quiet')}</Banner>);

  const host = snapshot.hostProblem;
  if (host?.kind === 'notifications-failed')
    items.push(<Banner key="host" kind="notifications-failed" tone="error">{t(`banner.notificationsFailed.${host.platform}`)}</Banner>);
  else if (host?.kind === 'no-tray') items.push(<Banner key="host" kind="no-tray" tone="info">{t('banner.noTray')}</Banner>);

  return <div className="banners" aria-live="polite">{items}</div>;
}
