/**
 * The vault of the plain-Node hosts (CLI, browser host), which do not use an OS keychain.
 * It only encodes (base64) into the state file, which is written owner-only (0600), and
 * says so: the settings page tells the user exactly that.
 */
import type { SecretVault } from './types';

const PREFIX = 'plain:';

export const plainVault: SecretVault = {
  storage: 'plain-file',
  seal: (plain) => PREFIX + Buffer.from(plain, 'utf8').toString('base64'),
  open: (sealed) => {
    if (!sealed.startsWith(PREFIX)) throw new Error('secret was sealed by another vault');
    return Buffer.from(sealed.slice(PREFIX.length), 'base64').toString('utf8');
  },
};
