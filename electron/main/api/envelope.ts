/**
 * The v2 response envelope {requestId, errmsg, succeed, msgTime, values, errdesc}
 * (docs/youmi-api.md §6). `succeed` decides; errmsg is a code, not a message.
 */
import { z } from 'zod';
import { codeMeaning, OK_CODES } from './codes';
import { BadResponseError, BusinessError } from './errors';
import { asBool, asInt, asString } from './wire';

const envelopeSchema = z.looseObject({
  errmsg: z.unknown().transform(asInt),
  succeed: z.unknown().transform(asBool),
  values: z.unknown(),
  errdesc: z.unknown().transform(asString),
});

export type Envelope = z.output<typeof envelopeSchema>;

/** The envelope in `body`, or null when `body` is not one (no succeed and no errmsg). */
export function readEnvelope(body: unknown): Envelope | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  if (!('succeed' in body) && !('errmsg' in body)) return null;
  const parsed = envelopeSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/**
 * succeed=true is success whatever errmsg says (§6.2). A missing/garbled `succeed` is
 * judged by the code alone: 20000 and 10004 are the documented successes.
 */
export function isSuccess(env: Envelope): boolean {
  if (env.succeed !== null) return env.succeed;
  return env.errmsg !== null && OK_CODES.has(env.errmsg);
}

export function businessError(env: Envelope): BusinessError {
  const code = env.errmsg ?? 0;
  const meaning = codeMeaning(code);
  const what = meaning ? `${meaning.zh} (${meaning.en})` : 'unknown error code';
  // errdesc is the server's own text; it is kept short and only added when it says more.
  const text = env.errdesc && env.errdesc !== meaning?.zh ? env.errdesc.slice(0, 200) : null;
  return new BusinessError(`business error ${code} ${what}${text ? `: ${text}` : ''}`, code, meaning?.zh ?? null, meaning?.en ?? null, text);
}

/** `values` of a successful envelope; BusinessError for succeed=false, BadResponseError for a non-envelope. */
export function unwrapEnvelope(body: unknown, what: string): unknown {
  const env = readEnvelope(body);
  if (!env) throw new BadResponseError(`${what}: the response is not a Youmi envelope`);
  if (!isSuccess(env)) throw businessError(env);
  return env.values;
}
