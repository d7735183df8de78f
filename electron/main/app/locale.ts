/**
 * The OS locales a Node process can see, most specific first: LC_ALL, LC_MESSAGES, LANG
 * (what a terminal user set), then the runtime's own (ICU, from the OS). The Electron shell
 * passes Chromium's list instead, and the browser host its page's (acceptLanguageLocales).
 */
import { posixLocaleTag } from '../../../shared/language';

export function systemLocales(env: NodeJS.ProcessEnv = process.env): string[] {
  const out: string[] = [];
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG'] as const) {
    const tag = posixLocaleTag(env[name]);
    if (tag) out.push(tag);
  }
  try {
    out.push(Intl.DateTimeFormat().resolvedOptions().locale);
  } catch {
    // no ICU data: the environment decides alone
  }
  return out;
}

/**
 * A browser's language preferences from its Accept-Language header ("zh-CN,zh;q=0.9,en;q=0.8"),
 * most preferred first: the same list the page reads as navigator.languages.
 */
export function acceptLanguageLocales(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/i.test(l.tag) && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}
