import { describe, expect, it } from 'vitest';
import { acceptLanguageLocales } from '../../electron/main/app/locale';
import { effectiveLanguage } from '../../shared/language';

describe("a browser page's locales (the browser host's reminders follow them)", () => {
  it('reads Accept-Language most preferred first, as navigator.languages lists them', () => {
    expect(acceptLanguageLocales('zh-CN,zh;q=0.9,en;q=0.8')).toEqual(['zh-CN', 'zh', 'en']);
    expect(acceptLanguageLocales('en;q=0.5, zh-CN;q=0.9, fr')).toEqual(['fr', 'zh-CN', 'en']);
    expect(effectiveLanguage('system', acceptLanguageLocales('en-US,en;q=0.9'))).toBe('en');
  });

  it('leaves out what is not a language tag, and refused ones (q=0)', () => {
    expect(acceptLanguageLocales(undefined)).toEqual([]);
    expect(acceptLanguageLocales('')).toEqual([]);
    expect(acceptLanguageLocales('*, en;q=0, <script>, zh-CN')).toEqual(['zh-CN']);
  });
});
