import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { plainVault } from '../../electron/main/app/plain-vault';
import { createShellLog } from '../../electron/main/shell/log';
import { fake, resetFake } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);
const { createSafeStorageVault } = await import('../../electron/main/shell/secrets');

const SECRET = 'cs_9f8e7d6c5b4a3f2e1d0c';

describe('secret vault (safeStorage)', () => {
  beforeEach(resetFake);

  it('seals with safeStorage: the sealed text does not contain the secret, and opens back', () => {
    const vault = createSafeStorageVault({ platform: 'darwin' });
    expect(vault.storage).toBe('encrypted');
    const sealed = vault.seal(SECRET);
    expect(sealed.startsWith('safe:')).toBe(true);
    expect(sealed).not.toContain(SECRET);
    expect(Buffer.from(sealed.slice(5), 'base64').toString('latin1')).not.toContain(SECRET);
    expect(vault.open(sealed)).toBe(SECRET);
  });

  it('reports plain-no-keyring on Linux without a keyring (basic_text)', () => {
    fake.safe.backend = 'basic_text';
    expect(createSafeStorageVault({ platform: 'linux' }).storage).toBe('plain-no-keyring');
    fake.safe.backend = 'kwallet6';
    expect(createSafeStorageVault({ platform: 'linux' }).storage).toBe('encrypted');
  });

  it('falls back to the marked plain encoding when encryption is unavailable, and says so', () => {
    fake.safe.available = false;
    const vault = createSafeStorageVault({ platform: 'win32' });
    expect(vault.storage).toBe('plain-no-keyring');
    const sealed = vault.seal(SECRET);
    expect(sealed.startsWith('plain:')).toBe(true);
    expect(vault.open(sealed)).toBe(SECRET);
  });

  it('opens a secret the CLI sealed on the same data dir', () => {
    expect(createSafeStorageVault({ platform: 'linux' }).open(plainVault.seal(SECRET))).toBe(SECRET);
  });

  it('refuses what it cannot have sealed', () => {
    const vault = createSafeStorageVault({ platform: 'linux' });
    expect(() => vault.open('rot13:abc')).toThrow();
    expect(() => vault.open('safe:AAAA')).toThrow();
  });

  it('hands every plaintext to the log redactor', () => {
    const seen: string[] = [];
    const vault = createSafeStorageVault({ platform: 'darwin', onPlaintext: (s) => seen.push(s) });
    vault.open(vault.seal(SECRET));
    expect(seen).toEqual([SECRET, SECRET]);
  });
});

describe('main log', () => {
  it('never writes a registered secret, nor secrets in the usual shapes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'youmi-log-'));
    const log = createShellLog({ dataDir, catchErrors: false });
    log.addSecret(SECRET);
    log.line(`token request failed: client_secret=${SECRET}&grant_type=client_credentials`);
    log.line(`settings ${JSON.stringify({ clientId: 'abc', clientSecret: 'other-secret-value' })}`);
    log.warn('upstream said: Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abcdefghijklmnop.qrstuvwxyz012345');
    log.error('sync failed', new Error(`server echoed ${SECRET}`));
    await new Promise((r) => setTimeout(r, 50));
    const text = readFileSync(log.file, 'utf8');
    expect(log.file).toBe(join(dataDir, 'logs', 'main.log'));
    expect(text).toContain('token request failed');
    expect(text).toContain('sync failed');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('other-secret-value');
    expect(text).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(text).toContain('[redacted]');
  });
});
