/**
 * The merchant's client secret at rest: AES-256-GCM under a key that is not in the
 * database, from RELAY_SECRET_KEY (any string; hashed to 32 bytes) or from a key file
 * (created 0600 with 32 random bytes on first start when neither exists). A stolen
 * database or backup alone does not reveal the secret.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function loadKey(opts: { envKey?: string; keyFile: string }): Buffer {
  if (opts.envKey?.trim()) return createHash('sha256').update(opts.envKey.trim()).digest();
  if (!existsSync(opts.keyFile)) {
    writeFileSync(opts.keyFile, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const text = readFileSync(opts.keyFile, 'utf8').trim();
  if (!text) throw new Error(`key file ${opts.keyFile} is empty`);
  return createHash('sha256').update(text).digest();
}

export function secretBox(key: Buffer): SecretBox {
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join('.');
    },
    open(sealed) {
      const [v, iv, tag, body] = sealed.split('.');
      if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('the stored secret is not in a known format');
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      d.setAuthTag(Buffer.from(tag, 'base64'));
      try {
        return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
      } catch {
        // Never echo the ciphertext or key: just say which key to check.
        throw new Error('the stored client secret cannot be decrypted with this key (RELAY_SECRET_KEY / key file changed?)');
      }
    },
  };
}
