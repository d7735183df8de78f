import { useTranslation } from 'react-i18next';
import { Field, Toggle } from './Field';
import type { SectionProps } from './SettingsPanel';

/** Poll interval, repeat interval, quiet hours, sound. */
export function SettingsReminders({ draft, errors, update }: SectionProps) {
  const { t } = useTranslation();
  const err = (field: keyof typeof errors) => (errors[field] ? t(`settings.errors.${errors[field]}`) : undefined);
  return (
    <fieldset className="settings-section">
      <legend>{t('settings.sections.reminders')}</legend>
      <Field label={t('settings.pollIntervalSec')} type="number" inputMode="numeric" min={15} max={3600} step={1} value={draft.pollIntervalSec} error={err('pollIntervalSec')} onValue={(pollIntervalSec) => update({ pollIntervalSec })} />
      <Field
        label={t('settings.repeatIntervalMin')}
        hint={t('settings.repeatHint')}
        type="number"
        inputMode="numeric"
        min={1}
        max={1440}
        step={1}
        value={draft.repeatIntervalMin}
        error={err('repeatIntervalMin')}
        onValue={(repeatIntervalMin) => update({ repeatIntervalMin })}
      />
      <Toggle label={t('settings.quietEnabled')} checked={draft.quietEnabled} onChange={(quietEnabled) => update({ quietEnabled })} />
      <div className="field-row">
        <Field label={t('settings.quietStart')} type="time" value={draft.quietStart} error={err('quietStart')} disabled={!draft.quietEnabled} onValue={(quietStart) => update({ quietStart })} />
        <Field label={t('settings.quietEnd')} type="time" value={draft.quietEnd} error={err('quietEnd')} disabled={!draft.quietEnabled} onValue={(quietEnd) => update({ quietEnd })} />
      </div>
      <Toggle label={t('settings.sound')} checked={draft.sound} onChange={(sound) => update({ sound })} />
    </fieldset>
  );
}
