import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicSettings } from '../../../shared/contract/types';
import type { AppError } from '../../../shared/errors';
import { translateError } from '../model/errors';
import { useActions, useBridge } from '../store/context';
import { Field } from './Field';

/**
 * 通过团队服务器: the second way to connect. Acts at once (its own button), apart from the
 * settings draft: signing in spends the one-time code, so it is not something to "save"
 * together with other fields. The code is sent once and never shown again.
 */
export function SettingsRelay({ settings }: { settings: PublicSettings }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const actions = useActions();
  const [url, setUrl] = useState(settings.relay?.url ?? '');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [urlError, setUrlError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<AppError | null>(null);

  const run = async (nextUrl: string, nextCode: string): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await bridge.useRelay(nextUrl, nextCode);
    setBusy(false);
    if (result.ok) {
      setCode('');
      actions.settingsSaved(result.value);
    } else setError(result.error);
  };
  const connect = (): void => {
    const u = url.trim();
    if (!/^https?:\/\/\S+$/i.test(u)) {
      setUrlError(t('settings.relay.needUrl'));
      return;
    }
    void run(u, code.trim());
  };

  return (
    <fieldset className="settings-section">
      <legend>{t('settings.relay.title')}</legend>
      {settings.relay ? (
        <>
          <p className="field-hint" role="status">
            {t('settings.relay.connected', { url: settings.relay.url, staff: settings.relay.staff })}
          </p>
          <button type="button" className="btn btn-ghost" disabled={busy} onClick={() => void run('', '')}>
            {t('settings.relay.leave')}
          </button>
        </>
      ) : (
        <>
          <p className="field-hint">{t('settings.relay.hint')}</p>
          <Field
            label={t('settings.relay.url')}
            hint={t('settings.relay.urlHint')}
            type="url"
            inputMode="url"
            value={url}
            error={urlError}
            onValue={(v) => {
              setUrl(v);
              setUrlError(undefined);
            }}
          />
          <Field label={t('settings.relay.code')} hint={t('settings.relay.codeHint')} value={code} autoComplete="off" spellCheck={false} onValue={setCode} />
          <button type="button" className="btn" disabled={busy} onClick={connect}>
            {busy ? t('settings.relay.connecting') : t('settings.relay.connect')}
          </button>
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {translateError(t, error)}
        </p>
      )}
    </fieldset>
  );
}
