/**
 * The OS locales a Node process can see, most specific first: LC_ALL, LC_MESSAGES, LANG
 * (what a terminal user set), then the runtime's own (ICU, from the OS). The Electron shell
 * passes Chromium's list instead.
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
