/**
 * The team-relay settings every Node host takes by flag or environment (flag wins):
 * `--relay URL` (YOUMI_RELAY_URL) and, the first time, `--relay-code CODE` (YOUMI_RELAY_CODE).
 */
import type { TeamRelaySettings } from '../relay-link/team-connection';

export const RELAY_FLAG_OPTIONS = {
  relay: { type: 'string' },
  'relay-code': { type: 'string' },
} as const;

export function relayOverride(values: Record<string, string | boolean | undefined>, env = process.env): TeamRelaySettings | undefined {
  const url = typeof values.relay === 'string' ? values.relay : env.YOUMI_RELAY_URL;
  if (!url) return undefined;
  const code = typeof values['relay-code'] === 'string' ? values['relay-code'] : env.YOUMI_RELAY_CODE;
  return { url, ...(code ? { code } : {}) };
}
