import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { browserLanguages, resolveLanguage } from '../i18n';
import { useApp } from '../store/context';

/** Applies the language and theme settings (or the system's) to i18next and <html>. */
export function useAppearance(): void {
  const language = useApp((s) => s.settings?.language);
  const theme = useApp((s) => s.settings?.theme ?? 'system');
  const { i18n, t } = useTranslation();

  useEffect(() => {
    const lang = resolveLanguage(language, browserLanguages());
    if (i18n.language !== lang) void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [language, i18n]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: i18n.language changes the title's language while `t` stays the same function
  useEffect(() => {
    document.title = t('app.title');
  }, [t, i18n.language]);

  useEffect(() => {
    const root = document.documentElement;
    if (theme !== 'system') {
      root.dataset.theme = theme;
      return;
    }
    const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
    const apply = (): void => {
      root.dataset.theme = query?.matches ? 'dark' : 'light';
    };
    apply();
    query?.addEventListener('change', apply);
    return () => query?.removeEventListener('change', apply);
  }, [theme]);
}
