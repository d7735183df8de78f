import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectionProps } from './SettingsPanel';
import { Field } from './Field';
import { StaffPicker } from './StaffPicker';
import { ConnectionTest } from './ConnectionTest';

/** Data source, Youmi credentials (secret write-only), tenant, staff code, and the connection test. */
export function SettingsAccount({ draft, errors, update, settings }: SectionProps) {
  const { t } = useTranslation();
  const id = useId();
  const err = (field: keyof typeof errors) => (errors[field] ? t(`settings.errors.${errors[field]}`) : undefined);
  const secretPlaceholder = draft.clearSecret
    ? t('settings.secretWillClear')
    : settings.clientSecretSet
      ? t('settings.secretSet')
      : t('settings.secretUnset');

  return (
    <>
      <fieldset className="settings-section">
        <legend>{t('settings.sections.source')}</legend>
        {(['account', 'demo'] as const).map((mode) => (
          <div className="field field-toggle" key={mode}>
            <input id={`${id}-${mode}`} type="radio" name="mode" value={mode} checked={draft.mode === mode} onChange={() => update({ mode })} />
            <label htmlFor={`${id}-${mode}`}>{t(`settings.mode.${mode}`)}</label>
          </div>
        ))}
      </fieldset>
      <fieldset className="settings-section">
        <legend>{t('settings.sections.account')}</legend>
        <Field label={t('settings.baseUrl')} hint={t('settings.baseUrlHint')} type="url" inputMode="url" value={draft.baseUrl} error={err('baseUrl')} onValue={(baseUrl) => update({ baseUrl })} />
        <Field label={t('settings.tokenUrl')} hint={t('settings.tokenUrlHint')} type="url" inputMode="url" value={draft.tokenUrl} error={err('tokenUrl')} onValue={(tokenUrl) => update({ tokenUrl })} />
        <Field label={t('settings.clientId')} value={draft.clientId} error={err('clientId')} autoComplete="off" spellCheck={false} onValue={(clientId) => update({ clientId })} />
        <Field
          label={t('settings.clientSecret')}
          type="password"
          autoComplete="new-password"
          value={draft.clientSecret}
          placeholder={secretPlaceholder}
          disabled={draft.clearSecret}
          hint={settings.secretStorage === 'plain-no-keyring' ? <span className="warning-text">{t('settings.secretNoKeyring')}</span> : undefined}
          onValue={(clientSecret) => update({ clientSecret })}
        />
        {settings.clientSecretSet && (
          <div className="field field-toggle">
            <input id={`${id}-clear`} type="checkbox" checked={draft.clearSecret} onChange={(e) => update({ clearSecret: e.target.checked, clientSecret: '' })} />
            <label htmlFor={`${id}-clear`}>{t('settings.secretClear')}</label>
          </div>
        )}
        <Field label={t('settings.tenantId')} hint={t('settings.tenantIdHint')} value={draft.tenantId} error={err('tenantId')} autoComplete="off" onValue={(tenantId) => update({ tenantId })} />
        <StaffPicker draft={draft} errors={errors} update={update} settings={settings} />
        <ConnectionTest draft={draft} errors={errors} update={update} settings={settings} />
      </fieldset>
    </>
  );
}
