/**
 * One authorised v2 call: Bearer token, optional TenantId, JSON body, the envelope
 * unwrapped. A rejected token (HTTP 401, errmsg 10003/10011) is renewed once and the call
 * retried once; a second rejection is an AuthError.
 */
import { TOKEN_REJECTED_CODES } from './codes';
import { businessError, isSuccess, readEnvelope } from './envelope';
import { AuthError, BadResponseError, BusinessError, ServerError } from './errors';
import { parseJsonBody, type HttpResponse, type HttpTransport } from './http';
import type { LastAnswer } from './last-answer';
import type { TokenSource } from './token';

export interface CallOptions {
  baseUrl: string;
  tenantId: string | null;
  transport: HttpTransport;
  tokens: TokenSource;
  log: (line: string) => void;
}

export interface V2Call {
  method: 'GET' | 'POST';
  /** "/v2/Todo/GetChargeDaffairesList" */
  path: string;
  body?: unknown;
  /** See HttpRequest.idempotent; default true. */
  idempotent?: boolean;
  /** The last answer to this same call, for a call repeated on a timer (a page of the poll's list). */
  last?: LastAnswer;
}

/** `values` of the envelope, or a typed error. */
export type V2Caller = (call: V2Call) => Promise<unknown>;

type Outcome = { ok: true; values: unknown } | { ok: false; tokenRejected: boolean; error: Error };

/** `reread`: the body, when LastAnswer already has it without a full parse. */
function interpret(res: HttpResponse, what: string, reread: unknown): Outcome {
  if (res.status === 401) {
    return { ok: false, tokenRejected: true, error: new AuthError(`${what}: the API rejected the access token (HTTP 401)`, 401) };
  }
  if (res.status === 403) {
    return {
      ok: false,
      tokenRejected: false,
      error: new AuthError(`${what}: access denied (HTTP 403); check the tenant id and the client's permissions`, 403),
    };
  }
  const success = res.status >= 200 && res.status <= 299;
  let body: unknown;
  try {
    body = reread ?? parseJsonBody(res, what);
  } catch (e) {
    if (success) throw e;
    body = undefined;
  }
  const env = readEnvelope(body);
  if (success && env === null) throw new BadResponseError(`${what}: the response is not a Youmi envelope`);
  // v2 errors are documented only as HTTP 200 + succeed=false; an envelope on another status is read the same way.
  if (env !== null && (!success ? env.succeed !== true : !isSuccess(env))) {
    const error: BusinessError = businessError(env);
    const code = error.code ?? 0;
    return { ok: false, tokenRejected: TOKEN_REJECTED_CODES.has(code), error };
  }
  if (success && env !== null) return { ok: true, values: env.values };
  const why = res.status === 404 ? 'not found (HTTP 404); check the base URL' : `unexpected HTTP ${res.status}`;
  return { ok: false, tokenRejected: false, error: new ServerError(`${what}: ${why}`, res.status) };
}

export function createV2Caller(opts: CallOptions): V2Caller {
  return async (call) => {
    const what = `${call.method} ${call.path}`;
    let token = await opts.tokens.get();
    for (let renewed = false; ; renewed = true) {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
      };
      if (opts.tenantId !== null) headers.TenantId = opts.tenantId;
      let body: string | undefined;
      if (call.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(call.body);
      }
      const res = await opts.transport.send({
        method: call.method,
        url: opts.baseUrl + call.path,
        headers,
        ...(body === undefined ? {} : { body }),
        idempotent: call.idempotent ?? true,
      });
      const reread = call.last && res.status >= 200 && res.status <= 299 ? call.last.reread(res.text) : null;
      const outcome = interpret(res, what, reread);
      if (outcome.ok) {
        call.last?.remember(res.text, outcome.values, reread !== null);
        return outcome.values;
      }
      if (!outcome.tokenRejected) throw outcome.error;
      if (renewed) {
        const code = outcome.error instanceof BusinessError ? outcome.error.code : 401;
        throw new AuthError(`${outcome.error.message}, again after renewing the token`, code);
      }
      opts.log(`${what}: access token rejected; renewing it and retrying once`);
      token = await opts.tokens.renew(token);
    }
  };
}
