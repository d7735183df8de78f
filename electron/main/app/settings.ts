/**
 * The user's settings as stored (secret sealed by the host's vault) and as shown to the
 * renderer (secret reduced to "set or not"). Also decides whether they describe a usable
 * account, so every host reports a missing setting the same way.
 */
import type { PublicSettings, SettingsPatch } from '../../../shared/contract/types';
import { SETTING_LABELS } from '../api/config';
import { ConfigError } from '../api/errors';
import { DEFAULT_SETTINGS as SAVED_DEFAULTS, readSavedSettings } from '../../../shared/settings';
import type { YoumiConfig } from '../api/types';
import type { SecretVault } from './types';

export type StoredSettings = Omit<PublicSettings, 'clientSecretSet' | 'secretStorage'> & {
  /** The client secret as sealed by the vault; '' when none. */
  clientSecretSealed: string;
};

export const DEFAULT_SETTINGS: StoredSettings = { ...SAVED_DEFAULTS, clientSecretSealed: '' };

/** Reads whatever the state file held; the rules are shared/settings.ts's. */
export function loadSettings(raw: unknown): StoredSettings {
  const sealed = raw && typeof raw === 'object' && 'clientSecretSealed' in raw ? raw.clientSecretSealed : '';
  return { ...readSavedSettings(raw), clientSecretSealed: typeof sealed === 'string' ? sealed : '' };
}

export function toPublic(s: StoredSettings, vault: SecretVault): PublicSettings {
  const { clientSecretSealed, ...rest } = s;
  return {
    ...rest,
    quietHours: { ...s.quietHours },
    clientSecretSet: clientSecretSealed !== '',
    secretStorage: clientSecretSealed === '' ? 'none' : vault.storage,
  };
}

export function applyPatch(s: StoredSettings, patch: SettingsPatch, vault: SecretVault): StoredSettings {
  const { clientSecret, ...rest } = patch;
  const next: StoredSettings = { ...s, ...rest, quietHours: { ...(rest.quietHours ?? s.quietHours) } };
  if (clientSecret !== undefined) next.clientSecretSealed = clientSecret === '' ? '' : vault.seal(clientSecret);
  return next;
}

/** The account fields a change of which means reconnecting. */
export const ACCOUNT_KEYS = ['baseUrl', 'tokenUrl', 'clientId', 'clientSecretSealed', 'tenantId', 'staffCode'] as const;

export function accountChanged(a: StoredSettings, b: StoredSettings): boolean {
  return ACCOUNT_KEYS.some((k) => a[k] !== b[k]);
}

/** Names of the settings an account still lacks, in the order a user fills them. */
export function missingAccountSettings(s: StoredSettings): ('baseUrl' | 'tokenUrl' | 'clientId' | 'clientSecret' | 'staffCode')[] {
  const missing: ('baseUrl' | 'tokenUrl' | 'clientId' | 'clientSecret' | 'staffCode')[] = [];
  if (!s.baseUrl) missing.push('baseUrl');
  if (!s.tokenUrl) missing.push('tokenUrl');
  if (!s.clientId) missing.push('clientId');
  if (!s.clientSecretSealed) missing.push('clientSecret');
  if (!s.staffCode) missing.push('staffCode');
  return missing;
}

export interface AccountConfig {
  api: YoumiConfig;
  staff: string;
}

/** The client configuration these settings describe, or a ConfigError naming what is missing. */
export function accountConfig(s: StoredSettings, vault: SecretVault): AccountConfig {
  const missing = missingAccountSettings(s)[0];
  if (missing) {
    const setting = missing === 'staffCode' ? 'staff' : missing;
    throw new ConfigError(`${SETTING_LABELS[setting]} is not set`, setting);
  }
  let clientSecret: string;
  try {
    clientSecret = vault.open(s.clientSecretSealed);
  } catch {
    throw new ConfigError(`${SETTING_LABELS.clientSecret} saved here cannot be decrypted on this machine: enter it again`, 'clientSecret');
  }
  return {
    api: {
      baseUrl: s.baseUrl,
      tokenUrl: s.tokenUrl,
      clientId: s.clientId,
      clientSecret,
      ...(s.tenantId ? { tenantId: s.tenantId } : {}),
    },
    staff: s.staffCode,
  };
}
