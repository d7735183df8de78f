/**
 * The client secret at rest: sealed with Electron's safeStorage (Keychain, DPAPI, libsecret
 * or KWallet). On Linux without a keyring Chromium falls back to a fixed key ('basic_text'):
 * the vault then reports 'plain-no-keyring' so the settings page can say so.
 */
import { safeStorage } from 'electron';
import type { SecretVault } from '../app/types';

const SAFE = 'safe:';
// What the plain-Node vault (CLI, browser host) writes: readable here so a data dir first
// set up by the CLI keeps working in the app.
const PLAIN = 'plain:';

export interface VaultOptions {
  platform: NodeJS.Platform;
  /** Sees every plaintext that passes through, so the log can redact it. */
  onPlaintext?: (plain: string) => void;
}

/** Must be created after app 'ready': before it, the backend reads 'unknown' and encryption is unavailable. */
export function createSafeStorageVault(opts: VaultOptions): SecretVault {
  const encrypting = (): boolean => {
    try {
      return safeStorage.isEncryptionAvailable();
    } catch {
      return false;
    }
  };
  const noKeyring = (): boolean =>
    !encrypting() || (opts.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');

  return {
    get storage() {
      return noKeyring() ? 'plain-no-keyring' : 'encrypted';
    },
    seal(plain: string): string {
      opts.onPlaintext?.(plain);
      if (!encrypting()) return PLAIN + Buffer.from(plain, 'utf8').toString('base64');
      return SAFE + safeStorage.encryptString(plain).toString('base64');
    },
    open(sealed: string): string {
      let plain: string;
      if (sealed.startsWith(SAFE)) {
        // Throws when the keychain entry changed (another user, reinstalled OS): the app then treats the secret as unset.
        plain = safeStorage.decryptString(Buffer.from(sealed.slice(SAFE.length), 'base64'));
      } else if (sealed.startsWith(PLAIN)) {
        plain = Buffer.from(sealed.slice(PLAIN.length), 'base64').toString('utf8');
      } else {
        throw new Error('secret was sealed by an unknown vault');
      }
      opts.onPlaintext?.(plain);
      return plain;
    },
  };
}
