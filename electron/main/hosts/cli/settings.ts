/**
 * Settings by flag or environment (the flag wins), as every Node host takes them.
 */
import { ACCOUNT_FLAG_OPTIONS, accountOverrides } from '../account-flags';
import { RELAY_FLAG_OPTIONS, relayOverride } from '../relay-flags';
import type { TeamRelaySettings } from '../../relay-link/team-connection';
import type { ConfigSetting } from '../../api/errors';
import { DEFAULT_TOKEN_URL, type YoumiConfig } from '../../api/types';

export const SETTING_OPTIONS = {
  ...ACCOUNT_FLAG_OPTIONS,
  ...RELAY_FLAG_OPTIONS,
  'data-dir': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface CliSettings {
  config: Partial<YoumiConfig>;
  staff: string;
  /** Where local state lives (YOUMI_DATA_DIR); the commands of this issue do not use it yet. */
  dataDir: string | null;
  verbose: boolean;
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
    ...(relayOverride(values, env) ? { relay: relayOverride(values, env) } : {}),
  };
}
