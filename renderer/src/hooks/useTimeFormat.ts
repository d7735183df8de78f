import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from 'date-fns';
import { dateLocale } from '../i18n';
import { absoluteTime, relativeTime, shortTime, type TimePatterns } from '../model/time';

export interface TimeFormat {
  locale: Locale;
  relative(ms: number, now: number): string;
  absolute(ms: number): string;
  short(ms: number, now: number): string;
}

/** Time formatting in the current UI language and the user's time zone. */
export function useTimeFormat(): TimeFormat {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return useMemo((): TimeFormat => {
    const locale = dateLocale(language);
    const patterns: TimePatterns = {
      absolute: t('time.absolute'),
      today: t('time.today'),
      tomorrow: t('time.tomorrow'),
      sameYear: t('time.sameYear'),
      otherYear: t('time.otherYear'),
      now: t('time.now'),
    };
    return {
      locale,
      relative: (ms: number, now: number) => relativeTime(ms, now, locale, patterns),
      absolute: (ms: number) => absoluteTime(ms, locale, patterns),
      short: (ms: number, now: number) => shortTime(ms, now, locale, patterns),
    };
  }, [t, language]);
}
