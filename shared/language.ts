/**
 * The one rule for which language the user sees. A setting of 'zh-CN' or 'en' wins;
 * 'system' follows the OS (main) or browser (window) locales: the first Chinese or English
 * one decides, and Chinese (the users' language) when neither appears. Notifications, the
 * tray, the window, the missed-reminder summary, the connection test and the CLI all ask here.
 */
import type { Language } from './contract/types';

export type UiLanguage = 'zh-CN' | 'en';

export function effectiveLanguage(setting: Language | undefined, locales: readonly string[]): UiLanguage {
  if (setting === 'zh-CN' || setting === 'en') return setting;
  for (const tag of locales) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/**
 * A POSIX locale variable ("en_US.UTF-8", "zh_CN.UTF-8", "C") as a language tag, or null
 * for "C"/"POSIX"/empty, which say nothing about the user.
 */
export function posixLocaleTag(value: string | undefined): string | null {
  if (!value) return null;
  const base = value.split(/[.@]/)[0]!;
  if (base === '' || base === 'C' || base === 'POSIX') return null;
  return base.replace('_', '-');
}
