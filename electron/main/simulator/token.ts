/**
 * The SSO token endpoint (docs/youmi-api.md §1): an IdentityServer-style OAuth2
 * client-credentials grant. Token bodies and error codes follow RFC 6749, since the
 * vendor documents the response only as `{}`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_SCOPE = 'Ls.Qkl.PublicApi';

export type TokenCheck = 'ok' | 'expired' | 'unknown';

export type GrantResult =
  | { ok: true; body: { access_token: string; token_type: 'Bearer'; expires_in: number; scope: string } }
  | { ok: false; body: { error: string; error_description?: string } };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class TokenStore {
  /** token → expiry (epoch ms on the simulator's clock) */
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly credentials: { clientId: string; clientSecret: string },
    private readonly ttlSec: number,
    private readonly now: () => number,
  ) {}

  /**
   * `basic` carries credentials sent in an Authorization: Basic header, which
   * IdentityServer accepts as well as form fields. Checked in IdentityServer's
   * order: client, then grant type, then scope.
   */
  grant(form: URLSearchParams, basic?: { id: string; secret: string }): GrantResult {
    const clientId = basic?.id ?? form.get('client_id') ?? '';
    const clientSecret = basic?.secret ?? form.get('client_secret') ?? '';
    if (clientId !== this.credentials.clientId || !sameSecret(clientSecret, this.credentials.clientSecret)) {
      return { ok: false, body: { error: 'invalid_client' } };
    }
    if (form.get('grant_type') !== 'client_credentials') {
      return { ok: false, body: { error: 'unsupported_grant_type' } };
    }
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.length !== 1 || scopes[0] !== TOKEN_SCOPE) {
      return { ok: false, body: { error: 'invalid_scope' } };
    }
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, this.now() + this.ttlSec * 1000);
    return { ok: true, body: { access_token: token, token_type: 'Bearer', expires_in: this.ttlSec, scope: TOKEN_SCOPE } };
  }

  check(token: string): TokenCheck {
    const expiry = this.tokens.get(token);
    if (expiry === undefined) return 'unknown';
    if (this.now() >= expiry) return 'expired';
    return 'ok';
  }

  expireAll(): void {
    this.tokens.clear();
  }
}
