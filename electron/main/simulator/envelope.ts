/**
 * The v2 response envelope. The real API answers business errors with HTTP 200 and
 * `succeed:false`, so a client can only tell success by reading this body.
 */
import { formatChinaTime } from './china-time';

/** The errmsg codes this simulator emits, with the texts from the vendor's code table (docs/youmi-api.md §6.3). */
export const ERR = {
  ok: 20000,
  tokenInvalid: 10003,
  tokenMissing: 200001,
  friendMissing: 200008,
  noSuchFriend: 200009,
  staffUnknown: 200010,
  serverError: 200011,
  badParams: 200012,
  accountMissing: 200014,
  wechatUnknown: 200018,
} as const;

const ERR_TEXT: Readonly<Record<number, string>> = {
  10003: '令牌失效',
  10004: '获取数据成功',
  10005: '数据完整性检查不通过',
  10006: '签名时间戳失效',
  10011: '检查用户的Token有效性时异常',
  20000: '操作完成',
  200001: '没有填写TOKEN',
  200008: '没有传好友的原始微信号',
  200009: '没有该好友',
  200010: '员工号不存在',
  200011: '服务器错误',
  200012: '用户传参错误',
  200014: '没有传运营号原始微信号',
  200018: '微信号不存在',
  200019: '操作失败',
};

export function errText(code: number): string | null {
  return ERR_TEXT[code] ?? null;
}

export interface Envelope {
  requestId: null;
  errmsg: number;
  succeed: boolean;
  msgTime: string;
  values: unknown;
  errdesc: string | null;
}

/** .NET renders DateTime.Now with 7 fractional digits; the sub-ms digits here only need to look plausible. */
function msgTime(nowMs: number): string {
  return formatChinaTime(nowMs, 7, ((nowMs % 10000) * 7919) % 10000);
}

export function okEnvelope(nowMs: number, values: unknown): Envelope {
  return { requestId: null, errmsg: ERR.ok, succeed: true, msgTime: msgTime(nowMs), values, errdesc: null };
}

export function errorEnvelope(nowMs: number, errmsg: number, errdesc?: string): Envelope {
  return {
    requestId: null,
    errmsg,
    succeed: false,
    msgTime: msgTime(nowMs),
    values: null,
    errdesc: errdesc ?? errText(errmsg) ?? '操作失败',
  };
}

/** Thrown by endpoint handlers to answer with a business error envelope. */
export class BusinessError extends Error {
  constructor(
    readonly errmsg: number,
    readonly errdesc?: string,
  ) {
    super(errdesc ?? errText(errmsg) ?? String(errmsg));
  }
}
