/**
 * The vault of the plain-Node hosts (CLI, browser host), which have no OS keychain.
 * It only encodes, and says so: the settings page shows the warning for this storage.
 */
import type { SecretVault } from './types';

const PREFIX = 'plain:';

export const plainVault: SecretVault = {
  storage: 'plain-no-keyring',
  seal: (plain) => PREFIX + Buffer.from(plain, 'utf8').toString('base64'),
  open: (sealed) => {
    if (!sealed.startsWith(PREFIX)) throw new Error('secret was sealed by another vault');
    return Buffer.from(sealed.slice(PREFIX.length), 'base64').toString('utf8');
  },
};
