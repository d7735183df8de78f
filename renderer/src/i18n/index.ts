import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { enUS, zhCN as dateZhCN, type Locale } from 'date-fns/locale';
import type { Language } from '../../../shared/contract/types';
import { effectiveLanguage, type UiLanguage } from '../../../shared/language';
import { zhCN } from './zh-CN';
import { en } from './en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

export type { UiLanguage };

/** The rule is shared/language.ts's: the window, tray and notifications agree. */
export function resolveLanguage(setting: Language | undefined, preferred: readonly string[]): UiLanguage {
  return effectiveLanguage(setting, preferred);
}

export function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** One i18next instance per app (and per test), initialised synchronously. */
export function createI18n(language: UiLanguage): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'zh-CN',
    supportedLngs: ['zh-CN', 'en'],
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React renders text, never HTML
    initAsync: false,
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

export function dateLocale(language: string): Locale {
  return language === 'en' ? enUS : dateZhCN;
}
