/**
 * POST /v2/ChatMess/ActivationConversation (youmi-api.md §9, A/S:api-96285441): switch a
 * staff member's 企客聊 session to a customer. Documented fields: ad_friend_wenober (the
 * customer), ad_original_nober / ad_wechat_id (the operating account; one of them
 * required), staff_code, enforceAttribution (必需, 0/1), content (required when
 * activationType is 1 or 2), activationType, switchSession. The response is not
 * documented; the simulator answers the usual envelope with values: true.
 */
import { ACCOUNTS, findAccount, findStaff } from './directory';
import { BusinessError, ERR } from './envelope';
import type { FanTable } from './fans';
import { optInt, optString, type Body } from './todo-query';

export interface Activation {
  /** now() when it was accepted. */
  at: number;
  friend: string;
  accountId: number;
  staffCode: string;
  enforceAttribution: number;
  activationType: number;
  switchSession: number;
  content: string;
}

const bad = (detail: string): BusinessError => new BusinessError(ERR.badParams, `用户传参错误: ${detail}`);

function oneOf(body: Body, key: string, allowed: readonly number[], fallback: number | undefined): number {
  const v = optInt(body, key) ?? fallback;
  if (v === undefined) throw bad(`${key} 必填`);
  if (!allowed.includes(v)) throw bad(`${key} 取值为 ${allowed.join('、')}`);
  return v;
}

export function activate(fans: FanTable, body: Body, now: number): Activation {
  const friend = (optString(body, 'ad_friend_wenober') ?? '').trim();
  if (friend === '') throw new BusinessError(ERR.friendMissing, '没有传好友的原始微信号 (ad_friend_wenober)');
  const original = (optString(body, 'ad_original_nober') ?? '').trim();
  const wechatId = optInt(body, 'ad_wechat_id');
  if (original === '' && (wechatId === undefined || wechatId === 0)) {
    throw new BusinessError(ERR.accountMissing, '没有传运营号原始微信号 (ad_original_nober 或 ad_wechat_id)');
  }
  const account = wechatId !== undefined && wechatId !== 0 ? findAccount(wechatId) : ACCOUNTS.find((a) => a.wechatNo === original);
  if (!account) throw new BusinessError(ERR.wechatUnknown, `微信号不存在: ${original || String(wechatId)}`);
  const staffCode = (optString(body, 'staff_code') ?? '').trim();
  if (staffCode !== '' && !findStaff(staffCode)) throw new BusinessError(ERR.staffUnknown, `员工号不存在: ${staffCode}`);
  const enforceAttribution = oneOf(body, 'enforceAttribution', [0, 1], undefined);
  const activationType = oneOf(body, 'activationType', [0, 1, 2], 0);
  const switchSession = oneOf(body, 'switchSession', [0, 1], 0);
  const content = optString(body, 'content') ?? '';
  if ((activationType === 1 || activationType === 2) && content.trim() === '') throw bad('activationType 为 1 或 2 时 content 必填');
  if (!fans.find(account.id, friend)) throw new BusinessError(ERR.noSuchFriend, `没有该好友: ${friend}`);
  return { at: now, friend, accountId: account.id, staffCode, enforceAttribution, activationType, switchSession, content };
}
