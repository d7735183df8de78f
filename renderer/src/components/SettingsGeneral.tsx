import { useTranslation } from 'react-i18next';
import type { Language, Theme } from '../../../shared/contract/types';
import { Choice, Toggle } from './Field';
import type { SectionProps } from './SettingsPanel';

const LANGUAGES: readonly Language[] = ['system', 'zh-CN', 'en'];
const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

/** Launch at login, language, theme. */
export function SettingsGeneral({ draft, update }: SectionProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="settings-section">
      <legend>{t('settings.sections.general')}</legend>
      <Toggle label={t('settings.launchAtLogin')} checked={draft.launchAtLogin} onChange={(launchAtLogin) => update({ launchAtLogin })} />
      <Choice label={t('settings.language')} value={draft.language} options={LANGUAGES.map((value) => ({ value, label: t(`settings.languages.${value}`) }))} onChange={(language) => update({ language })} />
      <Choice label={t('settings.theme')} value={draft.theme} options={THEMES.map((value) => ({ value, label: t(`settings.themes.${value}`) }))} onChange={(theme) => update({ theme })} />
    </fieldset>
  );
}
