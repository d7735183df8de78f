/**
 * AddRecordNew / AddRecord (docs/youmi-api.md §3.1–3.2): PascalCase in, a wire-form row
 * out. The RemindTime format is undocumented, so both plausible forms are accepted:
 * "yyyy-MM-dd HH:mm:ss" (China time) and ISO 8601.
 */
import { formatChinaTime, parseChinaTime } from './china-time';
import { findAccount, findStaff, MERCHANT_ID } from './directory';
import { BusinessError, ERR } from './envelope';
import { optInt, optString, type Body } from './todo-query';
import type { WireTodo } from './types';

function bad(detail: string): BusinessError {
  return new BusinessError(ERR.badParams, `用户传参错误: ${detail}`);
}

function required<T>(value: T | undefined, key: string): T {
  if (value === undefined) throw bad(`${key} 必填`);
  return value;
}

/**
 * `plain` = AddRecord, whose visible schema marks Weixin 可选 and shows no From (§3.1);
 * AddRecordNew requires both. A missing customer is the code table's 200008.
 */
export function readAddRecord(body: Body, id: number, nowMs: number, subMs: number, variant: 'new' | 'plain' = 'new'): WireTodo {
  const weixin = optString(body, 'Weixin') ?? '';
  if (variant === 'new' && weixin.trim() === '') throw new BusinessError(ERR.friendMissing, '没有传好友的原始微信号 (Weixin)');
  const from = variant === 'new' ? required(optInt(body, 'From'), 'From') : (optInt(body, 'From') ?? 0);
  if (from < 0 || from > 3) throw bad('From 取值为 0、1、2、3');
  const title = required(optString(body, 'RemindTitle'), 'RemindTitle');
  if (title.trim() === '') throw bad('RemindTitle 不能为空');
  const content = required(optString(body, 'FollowupsiTuation'), 'FollowupsiTuation');
  const remindText = required(optString(body, 'RemindTime'), 'RemindTime');
  const remindMs = parseChinaTime(remindText);
  if (remindMs === null) throw bad('RemindTime 格式应为 yyyy-MM-dd HH:mm:ss 或 ISO 8601');
  // Compared at whole seconds: a client that sends "now" formatted to the second must not be refused.
  if (remindMs < Math.floor(nowMs / 1000) * 1000) throw bad('提醒时间不能小于当前时间 (RemindTime)');
  const accountId = required(optInt(body, 'AdWecharId'), 'AdWecharId');

  const sffId = optString(body, 'SffId') ?? '';
  if (sffId !== '' && !findStaff(sffId)) throw new BusinessError(ERR.staffUnknown, `员工号不存在: ${sffId}`);
  const recipients = readRecipients(body);
  const isAlways = optInt(body, 'IsAlways') ?? 0;
  if (isAlways !== 0 && isAlways !== 1) throw bad('IsAlways 取值为 0 或 1');
  const account = findAccount(accountId);

  return {
    id,
    weixin,
    merchantId: MERCHANT_ID,
    sffId,
    remindTitle: title,
    followupsiTuation: content,
    remindTime: formatChinaTime(remindMs, 0),
    isAlways: isAlways === 1,
    sate: 0,
    recipientData: JSON.stringify(recipients),
    addTime: formatChinaTime(nowMs, 7, subMs),
    wecharId: accountId,
    from,
    levelColor: optString(body, 'LevelColor') ?? '',
    levelName: optString(body, 'LevelName') ?? '',
    eventType: optInt(body, 'EventType') ?? 0,
    ad_wechat_nober: account?.wechatNo ?? '',
    ad_wechat_nick: account?.nick ?? '',
  };
}

function readRecipients(body: Body): string[] {
  const raw = body['Recipient'];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || !raw.every((x): x is string => typeof x === 'string')) {
    throw bad('Recipient 必须是字符串数组');
  }
  for (const code of raw) {
    if (!findStaff(code)) throw new BusinessError(ERR.staffUnknown, `员工号不存在: ${code}`);
  }
  return raw;
}
