/**
 * Which todo source the settings call for: a real Youmi account, the in-process demo
 * simulator, or nothing yet (the service then reports config-missing).
 */
import { randomBytes } from 'node:crypto';
import type { SettingsPatch } from '../../../shared/contract/types';
import { createYoumiClient, type YoumiConnection } from '../api/client';
import type { YoumiConfig } from '../api/types';
import { startSimulator, type Simulator } from '../simulator/index';
import type { Clock } from '../service/ports';
import { accountConfig, applyPatch, missingAccountSettings, type StoredSettings } from './settings';
import type { SecretVault } from './types';

export interface Connection {
  kind: 'account' | 'demo' | 'none';
  client: YoumiConnection | null;
  staff: string | null;
  /** Local state is kept per scope, so done marks of different id spaces never mix. */
  scope: string;
  demo: Simulator | null;
}

export function wantsAccount(s: StoredSettings): boolean {
  return s.mode !== 'demo' && missingAccountSettings(s).length === 0;
}

export function wantsDemo(s: StoredSettings, allowDemo: boolean): boolean {
  return allowDemo && !wantsAccount(s) && s.mode !== 'account';
}

/**
 * `saved` with `patch` applied, where the stored client secret goes only to the stored
 * URLs: a patch that changes the base URL or the token URL without giving the secret again
 * leaves no secret (the doctor then reports it missing, a save asks for it again). So
 * anything that can reach the bridge cannot have the saved secret sent to a server of its
 * choosing.
 */
export function withPatch(saved: StoredSettings, patch: SettingsPatch, vault: SecretVault): StoredSettings {
  const next = applyPatch(saved, patch, vault);
  const moved = next.baseUrl !== saved.baseUrl || next.tokenUrl !== saved.tokenUrl;
  return moved && patch.clientSecret === undefined ? { ...next, clientSecretSealed: '' } : next;
}

/** The config a draft describes, without throwing: the doctor reports what is missing. */
export function draftConfig(s: StoredSettings, vault: SecretVault): Partial<YoumiConfig> {
  let clientSecret = '';
  try {
    clientSecret = s.clientSecretSealed ? vault.open(s.clientSecretSealed) : '';
  } catch {
    clientSecret = '';
  }
  return {
    baseUrl: s.baseUrl,
    tokenUrl: s.tokenUrl,
    clientId: s.clientId,
    clientSecret,
    ...(s.tenantId ? { tenantId: s.tenantId } : {}),
  };
}

export async function openConnection(
  s: StoredSettings,
  deps: { vault: SecretVault; clock: Clock; allowDemo: boolean; log: (line: string) => void; reuseDemo: Simulator | null },
): Promise<Connection> {
  if (wantsAccount(s)) {
    const { api, staff } = accountConfig(s, deps.vault);
    return {
      kind: 'account',
      client: createYoumiClient({ ...api, log: deps.log }),
      staff,
      scope: `account:${api.baseUrl}|${api.tenantId ?? ''}|${staff}`,
      demo: null,
    };
  }
  if (wantsDemo(s, deps.allowDemo)) {
    // The admin API can rewrite what the demo shows: in an app it lives under a random
    // path known only to this process (and printed by the browser host for its user).
    const adminPath = `/_admin-${randomBytes(16).toString('hex')}`;
    const sim = deps.reuseDemo ?? (await startSimulator({ port: 0, now: () => deps.clock.now(), adminPath }));
    return {
      kind: 'demo',
      client: createYoumiClient({
        baseUrl: sim.url,
        tokenUrl: sim.tokenUrl,
        clientId: sim.credentials.clientId,
        clientSecret: sim.credentials.clientSecret,
        log: deps.log,
      }),
      staff: sim.demoStaff,
      scope: 'demo',
      demo: sim,
    };
  }
  return { kind: 'none', client: null, staff: s.staffCode || null, scope: '', demo: null };
}
