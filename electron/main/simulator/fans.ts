/**
 * The customers (粉丝 / 好友) behind the todos and POST /v2/Friend/GetFansList
 * (youmi-api.md §9). The request fields are documented (wechatId, wechatKey, fansKe
 * 必需, fansName, staffCode, …); the response items are not, so the item shape below is
 * our guess in the request's own camelCase. Clients must read it leniently.
 */
import { findAccount, STAFF } from './directory';
import { BusinessError, ERR } from './envelope';
import { optInt, optString, type Body } from './todo-query';
import type { WireTodo } from './types';

export interface Fan {
  /** The operating account (运营号) id the customer is a friend of. */
  wechatId: number;
  /** The customer's original WeChat id (wxid_…), the todo's `weixin`. */
  fansKey: string;
  /** The customer's own WeChat number (alias); may be empty. */
  fansWechat: string;
  fansName: string;
  /** The remark the staff gave the customer; may be empty. */
  fansRemark: string;
  /** Owner (归属人) staff code. */
  staffCode: string;
  /** Unix seconds. */
  addTime: number;
}

const NICKS = ['小鱼儿', '晴天', 'Lily 莉莉', '阿杰', '快乐每一天', '一叶知秋', 'Momo', '老周', '静待花开', '橙子', 'Kevin', '向日葵'];
const REMARKS = ['王女士-老客户', '陈先生 138****2211', 'VIP 林小姐', '李总(团购)', '赵阿姨', '刘先生-退换货', '', ''];

/** A stable small hash, so a customer keeps its name across restarts for a given id. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** The fixed customer the admin API's addTodo defaults to; always a friend of account 3430. */
export const DEFAULT_FAN: Fan = {
  wechatId: 3430,
  fansKey: 'wxid_8k2m4n6p0q1r3s',
  fansWechat: 'zhou_laoshi88',
  fansName: '周老师',
  fansRemark: '周老师(复购3次)',
  staffCode: 'b08',
  addTime: 1_700_000_000,
};

/**
 * One fan per (customer, account) of the seeded todos, except every seventh customer:
 * they deleted the account as a friend, so GetFansList finds nothing (the app then shows
 * the bare WeChat id).
 */
export function seedFans(rows: readonly WireTodo[]): Fan[] {
  const out = new Map<string, Fan>([[key(DEFAULT_FAN.wechatId, DEFAULT_FAN.fansKey), DEFAULT_FAN]]);
  for (const row of rows) {
    const h = hash(row.weixin);
    if (h % 7 === 0) continue;
    const k = key(Number(row.wecharId), row.weixin);
    if (out.has(k)) continue;
    out.set(k, {
      wechatId: Number(row.wecharId),
      fansKey: row.weixin,
      fansWechat: h % 3 === 0 ? '' : `wx${(h % 100000).toString().padStart(5, '0')}`,
      fansName: NICKS[h % NICKS.length] ?? '',
      fansRemark: REMARKS[(h >>> 8) % REMARKS.length] ?? '',
      staffCode: recipientOwner(row),
      addTime: 1_690_000_000 + (h % 5_000_000),
    });
  }
  return [...out.values()];
}

function recipientOwner(row: WireTodo): string {
  try {
    const list: unknown = JSON.parse(row.recipientData);
    if (Array.isArray(list) && typeof list[0] === 'string') return list[0];
  } catch {
    // junk recipientData: fall back to the creator
  }
  return row.sffId || (STAFF[0]?.code ?? '');
}

const key = (accountId: number, fansKey: string): string => `${accountId}|${fansKey}`;

export class FanTable {
  private rows = new Map<string, Fan>();

  replace(fans: readonly Fan[]): void {
    this.rows = new Map(fans.map((f) => [key(f.wechatId, f.fansKey), { ...f }]));
  }

  upsert(fan: Fan): Fan {
    this.rows.set(key(fan.wechatId, fan.fansKey), { ...fan });
    return { ...fan };
  }

  remove(accountId: number, fansKey: string): boolean {
    return this.rows.delete(key(accountId, fansKey));
  }

  all(): Fan[] {
    return [...this.rows.values()].map((f) => ({ ...f }));
  }

  /** A friend of the account found by the customer's original id or their WeChat number. */
  find(accountId: number, friend: string): Fan | undefined {
    return [...this.rows.values()].find((f) => f.wechatId === accountId && (f.fansKey === friend || (f.fansWechat !== '' && f.fansWechat === friend)));
  }
}

/** Validated once here so both the HTTP route and the admin API refuse the same junk. */
export function readFanInput(input: Record<string, unknown>): Fan {
  const str = (k: string, required: boolean): string => {
    const v = input[k];
    if (v === undefined && !required) return '';
    if (typeof v !== 'string' || (required && v.trim() === '')) throw new TypeError(`${k} must be a non-empty string`);
    return v;
  };
  const wechatId = input['wechatId'];
  if (typeof wechatId !== 'number' || !Number.isSafeInteger(wechatId) || wechatId <= 0) throw new TypeError('wechatId must be a positive integer');
  const addTime = input['addTime'] ?? 1_700_000_000;
  if (typeof addTime !== 'number' || !Number.isSafeInteger(addTime)) throw new TypeError('addTime must be Unix seconds');
  return {
    wechatId,
    fansKey: str('fansKey', true),
    fansWechat: str('fansWechat', false),
    fansName: str('fansName', false),
    fansRemark: str('fansRemark', false),
    staffCode: str('staffCode', false),
    addTime,
  };
}

/** GetFansList: fansKe is required (an empty string lists every fan); the other filters narrow. */
export function fansList(table: FanTable, body: Body): unknown[] {
  const fansKe = optString(body, 'fansKe');
  if (fansKe === undefined) throw new BusinessError(ERR.badParams, '用户传参错误: fansKe 必填');
  const wechatId = optInt(body, 'wechatId') ?? 0;
  const wechatKey = optString(body, 'wechatKey') ?? '';
  const fansName = (optString(body, 'fansName') ?? '').trim();
  const staffCode = (optString(body, 'staffCode') ?? '').trim();
  const pageIndex = Math.max(1, optInt(body, 'pageIndex') ?? 1);
  const pageSize = Math.min(500, Math.max(1, optInt(body, 'pageSize') ?? 100));
  const key = fansKe.trim();
  const hits = table.all().filter((f) => {
    // 0 and "" are the doc example's placeholders: no filter.
    if (wechatId !== 0 && f.wechatId !== wechatId) return false;
    if (wechatKey !== '' && findAccount(f.wechatId)?.wechatNo !== wechatKey) return false;
    if (key !== '' && f.fansKey !== key && f.fansWechat !== key) return false;
    if (fansName !== '' && !f.fansName.includes(fansName) && !f.fansRemark.includes(fansName)) return false;
    if (staffCode !== '' && f.staffCode !== staffCode) return false;
    return true;
  });
  return hits.slice((pageIndex - 1) * pageSize, pageIndex * pageSize).map((f) => ({
    wechatId: f.wechatId,
    wechatKey: findAccount(f.wechatId)?.wechatNo ?? '',
    fansKey: f.fansKey,
    fansWechat: f.fansWechat,
    fansName: f.fansName,
    fansRemark: f.fansRemark,
    staffCode: f.staffCode,
    addTime: f.addTime,
  }));
}
