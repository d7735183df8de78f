/**
 * GetFansList (youmi-api.md §9): who a customer is. The request fields are documented
 * (wechatId = operating account id, fansKe 必需); the response items are not, so the
 * item is read by every plausible spelling, and only an item that names this customer
 * counts (a server that ignores the filter must not put a stranger's name on a todo).
 */
import type { CustomerInfo } from '../../../shared/contract/types';
import type { V2Caller } from './call';
import { WireRecord, asString, isPlainObject, preview } from './wire';

export const FANS_PATH = '/v2/Friend/GetFansList';

const ID_KEYS = ['fansKey', 'fansKe', 'fans_key', 'ad_friend_original_nober', 'ad_original_nober', 'originalNober', 'weixin', 'wxid'];
const NO_KEYS = ['fansWechat', 'ad_friend_wenober', 'friendWenober', 'wechatNo', 'alias'];

function items(values: unknown): unknown[] {
  if (Array.isArray(values)) return values;
  if (isPlainObject(values)) {
    const inner = new WireRecord(values).get('list', 'items', 'rows', 'data', 'records');
    if (Array.isArray(inner)) return inner;
  }
  return [];
}

export function parseCustomer(values: unknown, wxid: string, log: (line: string) => void): CustomerInfo | null {
  const list = items(values);
  if (!Array.isArray(values) && list.length === 0 && values !== null && values !== undefined) {
    log(`GetFansList: values is not a list (${preview(values)}); customer ${wxid} left unnamed`);
  }
  const records = list.filter(isPlainObject).map((raw) => new WireRecord(raw));
  const named = (r: WireRecord, keys: string[]): string | null => asString(r.get(...keys));
  const hit =
    records.find((r) => named(r, ID_KEYS) === wxid || named(r, NO_KEYS) === wxid) ??
    // An item with no id field at all is trusted only when it is the single answer.
    (records.length === 1 && records[0] && named(records[0], ID_KEYS) === null ? records[0] : undefined);
  if (!hit) return null;
  return {
    wxid,
    nick: named(hit, ['fansName', 'nickName', 'nickname', 'nick', 'ad_friend_nick', 'friendNick', 'name']),
    remark: named(hit, ['fansRemark', 'remark', 'remarkName', 'ad_friend_remark', 'friendRemark']),
    wechatNo: named(hit, NO_KEYS),
  };
}

export async function findCustomer(call: V2Caller, wxid: string, accountId: number | null, log: (line: string) => void): Promise<CustomerInfo | null> {
  const body = { wechatId: accountId ?? 0, fansKe: wxid };
  return parseCustomer(await call({ method: 'POST', path: FANS_PATH, body }), wxid, log);
}
