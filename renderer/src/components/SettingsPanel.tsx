import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicSettings } from '../../../shared/contract/types';
import type { AppError } from '../../../shared/errors';
import { translateError } from '../model/errors';
import { draftFrom, fieldError, fullPatch, validateDraft, type Draft, type DraftErrors } from '../model/settingsDraft';
import { useActions, useApp, useBridge } from '../store/context';
import { SettingsAccount } from './SettingsAccount';
import { SettingsGeneral } from './SettingsGeneral';
import { SettingsReminders } from './SettingsReminders';
import { SettingsRelay } from './SettingsRelay';

export interface SectionProps {
  draft: Draft;
  errors: DraftErrors;
  update: (patch: Partial<Draft>) => void;
  settings: PublicSettings;
}

/** Every PublicSettings field, edited as a draft and saved as a patch of what changed. */
export function SettingsPanel() {
  const { t } = useTranslation();
  const settings = useApp((s) => s.settings);
  return (
    <main className="settings-main">
      {settings ? <SettingsForm settings={settings} /> : <p className="loading">{t('app.loading')}</p>}
    </main>
  );
}

function SettingsForm({ settings }: { settings: PublicSettings }) {
  const { t } = useTranslation();
  const actions = useActions();
  const bridge = useBridge();
  const intent = useApp((s) => s.settingsIntent);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(settings, intent));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [invalid, setInvalid] = useState(false);

  const update = (patch: Partial<Draft>): void => {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch) as Array<keyof Draft>) delete next[key];
      return next;
    });
    setInvalid(false);
  };

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setInvalid(true);
      return;
    }
    setSaving(true);
    setSaveError(null);
    const result = await bridge.saveSettings(fullPatch(draft, settings));
    setSaving(false);
    if (result.ok) actions.settingsSaved(result.value);
    else {
      // Main refused a value (the same rules as the form, in case they disagree): show it on its field.
      const onField = fieldError(result.error);
      setErrors(onField);
      if (Object.keys(onField).length > 0) setInvalid(true);
      else setSaveError(result.error);
    }
  };

  const section: SectionProps = { draft, errors, update, settings };
  return (
    <form className="settings" aria-labelledby="settings-title" onSubmit={(e) => void save(e)} noValidate>
      <div className="settings-header">
        <button type="button" className="btn btn-icon back-btn" aria-label={t('settings.back')} title={t('settings.back')} onClick={() => actions.closeSettings()}>
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path fill="currentColor" d="M10.5 2 12 3.5 7.5 8l4.5 4.5-1.5 1.5-6-6 6-6Z" />
          </svg>
        </button>
        <h1 id="settings-title">{t('settings.title')}</h1>
      </div>
      <div className="settings-body">
        <SettingsAccount {...section} />
        <SettingsRelay settings={settings} />
        <SettingsReminders {...section} />
        <SettingsGeneral {...section} />
      </div>
      <div className="settings-footer">
        <p className="settings-message" role="alert">
          {invalid ? t('settings.invalid') : saveError ? translateError(t, saveError) : ''}
        </p>
        <button type="button" className="btn btn-ghost" onClick={() => actions.closeSettings()}>
          {t('settings.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
      </div>
    </form>
  );
}
