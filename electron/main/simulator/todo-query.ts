/**
 * Reads the GetChargeDaffairesList/Count request body into a filter. Field names
 * are matched exactly as documented (WecharId, wechatNober, usersate ...): a client
 * that misspells one gets an unfiltered answer, as it would from a strict server.
 */
import { BusinessError, ERR } from './envelope';
import { findStaff } from './directory';
import type { TodoFilter } from './todos';

export type Body = Record<string, unknown>;

function bad(detail: string): BusinessError {
  return new BusinessError(ERR.badParams, `用户传参错误: ${detail}`);
}

/** undefined when missing or null; an integer otherwise; anything else is a bad parameter. */
export function optInt(body: Body, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw bad(`${key} 必须是整数`);
  return v;
}

export function optString(body: Body, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw bad(`${key} 必须是字符串`);
  return v;
}

/** 0 or missing means "no bound" (the doc's example sends 0 for every timestamp). */
function bound(body: Body, key: string): number | undefined {
  const v = optInt(body, key);
  if (v === undefined || v === 0) return undefined;
  if (v < 0) throw bad(`${key} 不能为负数`);
  return v;
}

export function readFilter(body: Body): TodoFilter {
  const filter: TodoFilter = { usersate: -1 };
  const set = <K extends keyof TodoFilter>(key: K, value: TodoFilter[K] | undefined): void => {
    if (value !== undefined) filter[key] = value;
  };
  set('addFromSec', bound(body, 'startTimestamp'));
  set('addToSec', bound(body, 'endTimestamp'));
  set('remindFromSec', bound(body, 'remindStartTimestamp'));
  set('remindToSec', bound(body, 'remindEndTimestamp'));
  const createStaff = optString(body, 'createStaff');
  if (createStaff) filter.createStaff = createStaff;
  const remindStaff = optString(body, 'remindStaff');
  if (remindStaff) {
    if (!findStaff(remindStaff)) throw new BusinessError(ERR.staffUnknown);
    filter.remindStaff = remindStaff;
  }
  const wecharId = optInt(body, 'WecharId');
  if (wecharId) filter.wecharId = wecharId;
  const wechatNober = optString(body, 'wechatNober');
  if (wechatNober) filter.wechatNober = wechatNober;
  const usersate = optInt(body, 'usersate');
  if (usersate !== undefined) {
    if (usersate < -1) throw bad('usersate 取值为 -1、0、1');
    filter.usersate = usersate;
  }
  const id = optInt(body, 'chargeDaffairesId');
  if (id !== undefined && id > 0) filter.id = id;
  return filter;
}

/** pageIndex (1-based) and pageSize are the two required fields of the list endpoint. */
export function readPage(body: Body): { pageIndex: number; pageSize: number } {
  const pageIndex = optInt(body, 'pageIndex');
  const pageSize = optInt(body, 'pageSize');
  if (pageIndex === undefined || pageIndex < 1) throw bad('pageIndex 必填且从 1 开始');
  if (pageSize === undefined || pageSize < 1) throw bad('pageSize 必填且大于 0');
  return { pageIndex, pageSize };
}
