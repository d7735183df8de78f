import { useTranslation } from 'react-i18next';

/** Shown when the page was opened outside a host (no window.youmi). */
export function NoHost() {
  const { t } = useTranslation();
  return (
    <p className="no-host" role="alert">
      {t('app.noHost')}
    </p>
  );
}
