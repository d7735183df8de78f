/**
 * OAuth2 client credentials against the SSO token endpoint (docs/youmi-api.md §1). The token
 * is cached and renewed shortly before expires_in runs out; concurrent callers share one
 * request, both for the scheduled renewal and for a renewal forced by a rejected token.
 */
import { z } from 'zod';
import { AuthError, BadResponseError, ServerError } from './errors';
import { parseJsonBody, type HttpTransport } from './http';
import { asInt, isPlainObject } from './wire';

export const TOKEN_SCOPE = 'Ls.Qkl.PublicApi';
/** Renew this long before expiry, so a token never dies in flight. */
export const RENEW_MARGIN_MS = 60_000;
/** The endpoint documents no fields; a token without expires_in is assumed to live this long. */
const DEFAULT_LIFETIME_SEC = 3600;

export interface TokenSourceOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  transport: HttpTransport;
  now: () => number;
  log: (line: string) => void;
  /** Told about every token obtained, so it can be redacted wherever it might show up. */
  onToken?: (token: string) => void;
}

export interface TokenSource {
  /** A token valid for at least the renewal margin (or half its lifetime, if shorter). */
  get(): Promise<string>;
  /**
   * A token other than `rejected`: when another caller already renewed, that token is
   * returned without a new request.
   */
  renew(rejected: string): Promise<string>;
  /** When the cached token expires (ms since the epoch), or null. */
  expiresAt(): number | null;
}

interface Cached {
  token: string;
  renewAt: number;
  expiresAt: number;
}

const tokenBody = z.looseObject({
  access_token: z.string().regex(/^[\x21-\x7e]+$/, 'access_token is not a usable header value'),
  expires_in: z.unknown().transform(asInt),
});

/** The OAuth error code, when it is a plain code and so safe to show. */
function oauthError(text: string): string | null {
  try {
    const body: unknown = JSON.parse(text);
    const code = isPlainObject(body) ? body.error : undefined;
    return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}

export function createTokenSource(opts: TokenSourceOptions): TokenSource {
  let cached: Cached | null = null;
  let inflight: Promise<Cached> | null = null;

  function lifetimeMs(expiresIn: number | null, now: number): number {
    if (expiresIn === null || expiresIn <= 0) return DEFAULT_LIFETIME_SEC * 1000;
    // The v1 token endpoint gives expires_in as an absolute Unix time (docs/youmi-api.md §8.2).
    if (expiresIn > 1e9) return Math.max(0, expiresIn * 1000 - now);
    return expiresIn * 1000;
  }

  async function fetchToken(): Promise<Cached> {
    const what = 'token request';
    const res = await opts.transport.send({
      method: 'POST',
      url: opts.tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        client_id: opts.clientId,
        client_secret: opts.clientSecret,
        scope: TOKEN_SCOPE,
        grant_type: 'client_credentials',
      }).toString(),
      idempotent: true,
    });
    if (res.status === 400 || res.status === 401 || res.status === 403) {
      const code = oauthError(res.text);
      if (code === null || code === 'invalid_client' || code === 'unauthorized_client') {
        throw new AuthError(`client id or secret rejected (${code ?? 'invalid_client'})`, res.status, true);
      }
      throw new AuthError(`the token endpoint refused the request (${code})`, res.status);
    }
    if (res.status < 200 || res.status > 299) {
      throw new ServerError(`the token endpoint answered HTTP ${res.status}; check the token URL`, res.status);
    }
    let body = parseJsonBody(res, what);
    // Tolerate the token wrapped in a Youmi envelope, as the v1 endpoint does.
    if (isPlainObject(body) && !('access_token' in body) && isPlainObject(body.values)) body = body.values;
    const parsed = tokenBody.safeParse(body);
    if (!parsed.success) throw new BadResponseError(`${what}: the response carries no usable access_token`);
    const token = parsed.data.access_token;
    opts.onToken?.(token);
    const now = opts.now();
    const life = lifetimeMs(parsed.data.expires_in, now);
    const margin = Math.min(RENEW_MARGIN_MS, life / 2);
    opts.log(`access token obtained (expires in ${Math.round(life / 1000)} s)`);
    return { token, expiresAt: now + life, renewAt: now + life - margin };
  }

  function shared(): Promise<Cached> {
    inflight ??= fetchToken()
      .then((fresh) => {
        cached = fresh;
        return fresh;
      })
      .finally(() => {
        inflight = null;
      });
    return inflight;
  }

  return {
    async get() {
      if (cached && opts.now() < cached.renewAt) return cached.token;
      return (await shared()).token;
    },
    async renew(rejected) {
      if (cached && cached.token !== rejected && opts.now() < cached.renewAt) return cached.token;
      if (cached?.token === rejected) cached = null;
      return (await shared()).token;
    },
    expiresAt: () => cached?.expiresAt ?? null,
  };
}
