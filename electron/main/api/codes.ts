/**
 * The errmsg code table (docs/youmi-api.md §6.3, "错误码返回说明"). It is documented under v1;
 * v2 is not known to have its own table, so it is used for both.
 */
export interface CodeMeaning {
  zh: string;
  en: string;
}

export const ERRMSG_CODES: Readonly<Record<number, CodeMeaning>> = {
  10003: { zh: '令牌失效', en: 'token invalid or expired' },
  10004: { zh: '获取数据成功', en: 'data fetched successfully' },
  10005: { zh: '数据完整性检查不通过', en: 'data integrity check failed' },
  10006: { zh: '签名时间戳失效', en: 'signature timestamp expired' },
  10011: { zh: '检查用户的Token有效性时异常', en: 'exception while validating the token' },
  20000: { zh: '操作完成', en: 'operation completed' },
  200001: { zh: '没有填写TOKEN', en: 'token missing' },
  200002: { zh: '没有填写Nonce', en: 'nonce missing' },
  200003: { zh: '没有填写Timestamp', en: 'timestamp missing' },
  200004: { zh: '没有填写Signature', en: 'signature missing' },
  200005: { zh: '请求已超过10分钟', en: 'request older than 10 minutes' },
  200006: { zh: '加密密钥错误', en: 'wrong signing key' },
  200007: { zh: '没有填写APPID', en: 'app id missing' },
  200008: { zh: '没有传好友的原始微信号', en: "friend's original WeChat id missing" },
  200009: { zh: '没有该好友', en: 'no such friend' },
  200010: { zh: '员工号不存在', en: 'staff code does not exist' },
  200011: { zh: '服务器错误', en: 'server error' },
  200012: { zh: '用户传参错误', en: 'bad parameters' },
  200013: { zh: '发送IM错误', en: 'IM send error' },
  200014: { zh: '没有传运营号原始微信号', en: "operating account's original WeChat id missing" },
  200015: { zh: '没有传运营号微信号', en: "operating account's WeChat number missing" },
  200016: { zh: '要添加的微信号或者手机号码不能为空', en: 'WeChat id or phone number to add is empty' },
  200017: { zh: '未开启加粉设置', en: '"add fans" setting not enabled' },
  200018: { zh: '微信号不存在', en: 'WeChat id does not exist' },
  200019: { zh: '操作失败', en: 'operation failed' },
  200020: { zh: '没有传入群号', en: 'group id missing' },
  200021: { zh: '群号不存在', en: 'group does not exist' },
  200022: {
    zh: '新建群聊或邀请人进群时好友非运营号好友',
    en: 'friend is not a friend of the operating account (create/invite group)',
  },
  200023: { zh: '群内操作未传入好友列表', en: 'group operation without a friend list' },
  200024: { zh: '群好友不存在', en: 'group member does not exist' },
};

/** Codes that mean "your token is no good": renew once and retry once (issue 2). */
export const TOKEN_REJECTED_CODES: ReadonlySet<number> = new Set([10003, 10011]);

/** Success codes seen in the docs; anything else with succeed=true is accepted too (§6.2). */
export const OK_CODES: ReadonlySet<number> = new Set([20000, 10004]);

export function codeMeaning(code: number): CodeMeaning | null {
  return ERRMSG_CODES[code] ?? null;
}
