import { useTranslation } from 'react-i18next';
import { useActions } from '../store/context';

/** First start (mode 'unset'): connect a Youmi account, or try the demo data. */
export function FirstRun() {
  const { t } = useTranslation();
  const actions = useActions();
  return (
    <main className="first-run" aria-labelledby="first-run-title">
      <h1 id="first-run-title">{t('firstRun.title')}</h1>
      <p>{t('firstRun.body')}</p>
      <div className="first-run-actions">
        <button type="button" className="btn btn-primary" onClick={() => actions.openSettings('account')}>
          {t('firstRun.connect')}
        </button>
        <button type="button" className="btn" onClick={() => void actions.useDemo()}>
          {t('firstRun.demo')}
        </button>
      </div>
    </main>
  );
}
