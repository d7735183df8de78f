/**
 * The account settings every Node host takes by flag or environment (flag wins).
 */
import type { PublicSettings } from '../../../shared/contract/types';

export const ACCOUNT_FLAG_OPTIONS = {
  'base-url': { type: 'string' },
  'token-url': { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'tenant-id': { type: 'string' },
  staff: { type: 'string' },
} as const;

const ENV: Record<keyof typeof ACCOUNT_FLAG_OPTIONS, string> = {
  'base-url': 'YOUMI_BASE_URL',
  'token-url': 'YOUMI_TOKEN_URL',
  'client-id': 'YOUMI_CLIENT_ID',
  'client-secret': 'YOUMI_CLIENT_SECRET',
  'tenant-id': 'YOUMI_TENANT_ID',
  staff: 'YOUMI_STAFF',
};

export type AccountOverrides = Partial<Pick<PublicSettings, 'baseUrl' | 'tokenUrl' | 'clientId' | 'tenantId' | 'staffCode'>> & {
  clientSecret?: string;
};

export function accountOverrides(values: Partial<Record<keyof typeof ACCOUNT_FLAG_OPTIONS, string | boolean | undefined>>, env = process.env): AccountOverrides {
  const pick = (flag: keyof typeof ACCOUNT_FLAG_OPTIONS): string | undefined => {
    const v = values[flag];
    const s = typeof v === 'string' ? v : env[ENV[flag]];
    return s === undefined || s === '' ? undefined : s;
  };
  const out: AccountOverrides = {};
  const set = <K extends keyof AccountOverrides>(key: K, v: AccountOverrides[K] | undefined) => {
    if (v !== undefined) out[key] = v;
  };
  set('baseUrl', pick('base-url'));
  set('tokenUrl', pick('token-url'));
  set('clientId', pick('client-id'));
  set('clientSecret', pick('client-secret'));
  set('tenantId', pick('tenant-id'));
  set('staffCode', pick('staff'));
  return out;
}
