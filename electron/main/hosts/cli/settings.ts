/**
 * Settings by flag or environment (the flag wins), as every Node host takes them.
 */
import { effectiveLanguage, type UiLanguage } from '../../../../shared/language';
import { systemLocales } from '../../app/locale';
import { ACCOUNT_FLAG_OPTIONS, accountOverrides } from '../account-flags';
import { RELAY_FLAG_OPTIONS, relayOverride } from '../relay-flags';
import type { TeamRelaySettings } from '../../relay-link/team-connection';
import { UsageError } from './command';
import type { ConfigSetting } from '../../api/errors';
import { DEFAULT_TOKEN_URL, type YoumiConfig } from '../../api/types';

export const SETTING_OPTIONS = {
  ...ACCOUNT_FLAG_OPTIONS,
  ...RELAY_FLAG_OPTIONS,
  'data-dir': { type: 'string' },
  lang: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface CliSettings {
  config: Partial<YoumiConfig>;
  staff: string;
  /** Where local state lives (YOUMI_DATA_DIR); the commands of this issue do not use it yet. */
  dataDir: string | null;
  verbose: boolean;
  /** English unless --lang zh-CN or a Chinese locale (shared/language.ts decides). */
  language: UiLanguage;
  /** --relay: todos and marks through the team relay instead of the account. */
  relay?: TeamRelaySettings;
}

/** Where the user sets each setting, for error lines. */
export const SETTING_HINTS: Record<Exclude<ConfigSetting, 'tuning'>, string> = {
  baseUrl: '--base-url or YOUMI_BASE_URL',
  tokenUrl: '--token-url or YOUMI_TOKEN_URL',
  clientId: '--client-id or YOUMI_CLIENT_ID',
  clientSecret: '--client-secret or YOUMI_CLIENT_SECRET',
  tenantId: '--tenant-id or YOUMI_TENANT_ID',
  staff: '--staff or YOUMI_STAFF',
};

function cliLanguage(flag: string | boolean | undefined, env: NodeJS.ProcessEnv): UiLanguage {
  if (flag !== undefined && flag !== 'zh-CN' && flag !== 'en') throw new UsageError('--lang takes zh-CN or en');
  // A terminal is English unless the user's locale says Chinese: 'en' ends the list.
  return effectiveLanguage(flag === undefined ? 'system' : flag, [...systemLocales(env), 'en']);
}

export function resolveSettings(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv): CliSettings {
  const o = accountOverrides(values, env);
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : env.YOUMI_DATA_DIR;
  return {
    config: {
      baseUrl: o.baseUrl ?? '',
      tokenUrl: o.tokenUrl ?? DEFAULT_TOKEN_URL,
      clientId: o.clientId ?? '',
      clientSecret: o.clientSecret ?? '',
      ...(o.tenantId === undefined ? {} : { tenantId: o.tenantId }),
    },
    staff: o.staffCode ?? '',
    dataDir: dataDir || null,
    verbose: values.verbose === true,
    language: cliLanguage(values.lang, env),
    ...(relayOverride(values, env) ? { relay: relayOverride(values, env) } : {}),
  };
}
