/**
 * ActivationConversation (youmi-api.md §9): switch the staff member's 企客聊 session to a
 * customer. Its response is undocumented: the usual envelope is accepted whatever its
 * `values`; anything else is an error, and the raw text goes to the log (redacted by the
 * client's log) so support can see what the server really said.
 */
import type { ActivationResult } from '../../../shared/contract/types';
import { createV2Caller, type CallOptions } from './call';
import { BadResponseError, InvalidRequestError } from './errors';
import type { HttpResponse } from './http';
import { asString, isPlainObject } from './wire';

export const ACTIVATION_PATH = '/v2/ChatMess/ActivationConversation';

export interface ActivationRequest {
  /** The customer's original WeChat id. */
  customer: string;
  /** The operating account's id (wecharId). */
  accountId: number | null;
  /** The operating account's WeChat number, sent too when known (the docs accept either). */
  accountNo?: string | null;
  /** The signed-in staff member's code. */
  staff: string;
}

export function activationBody(req: ActivationRequest): Record<string, unknown> {
  const customer = req.customer.trim();
  if (!customer) throw new InvalidRequestError('this todo names no customer');
  if ((req.accountId === null || req.accountId <= 0) && !req.accountNo?.trim()) {
    throw new InvalidRequestError('this todo names no operating account');
  }
  const body: Record<string, unknown> = {
    ad_friend_wenober: customer,
    staff_code: req.staff.trim(),
    // Never take the customer away from their owner as a side effect of opening the chat.
    enforceAttribution: 0,
    activationType: 0,
    switchSession: 1,
    content: '',
  };
  if (req.accountId !== null && req.accountId > 0) body.ad_wechat_id = req.accountId;
  if (req.accountNo?.trim()) body.ad_original_nober = req.accountNo.trim();
  return body;
}

/** A caller whose transport remembers the last body, so a non-envelope answer can be logged as it came. */
export function createActivation(opts: CallOptions): (req: ActivationRequest) => Promise<ActivationResult> {
  let lastText = '';
  const call = createV2Caller({
    ...opts,
    transport: {
      send: async (r) => {
        const res: HttpResponse = await opts.transport.send(r);
        lastText = res.text;
        return res;
      },
      close: () => opts.transport.close(),
    },
  });
  return async (req) => {
    const body = activationBody(req);
    try {
      const values = await call({ method: 'POST', path: ACTIVATION_PATH, body });
      const message = isPlainObject(values) ? asString(values['errdesc'] ?? values['message'] ?? values['msg']) : typeof values === 'string' ? asString(values) : null;
      return { message };
    } catch (e) {
      if (e instanceof BadResponseError) opts.log(`${ACTIVATION_PATH}: unexpected answer, raw text: ${lastText.slice(0, 500)}`);
      throw e;
    }
  };
}
