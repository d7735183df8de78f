/**
 * The System endpoints a user needs to find their own staff code (docs/youmi-api.md §5).
 * GetDepartList's item shape is documented; the other two responses are not.
 */
import { DEPART_GROUPS, DEPARTS, STAFF } from './directory';
import { BusinessError, ERR } from './envelope';
import { optInt, type Body } from './todo-query';

function requiredInt(body: Body, key: string): number {
  const v = optInt(body, key);
  if (v === undefined) throw new BusinessError(ERR.badParams, `用户传参错误: ${key} 必填`);
  return v;
}

export function departList(): unknown[] {
  return DEPARTS.map((d) => ({ departid: d.departid, departname: d.departname }));
}

/**
 * Item shape is a guess (the docs' response section could not be read); it follows
 * GetDepartList's all-lower-case naming.
 */
export function departGroupList(body: Body): unknown[] {
  const departId = requiredInt(body, 'departId');
  return DEPART_GROUPS.filter((g) => departId === -1 || g.departid === departId).map((g) => ({ ...g }));
}

/**
 * The real response shape is undocumented. This ad_-prefixed shape is our
 * documented guess: the Report and MeetingCall pages name the staff code
 * `ad_staff_code`, so the staff table is probably exposed with ad_ columns.
 * ad_staff_state: 0 = active, 1 = disabled (also a guess).
 */
export function staffList(body: Body): unknown[] {
  const departId = requiredInt(body, 'departId');
  const groupId = requiredInt(body, 'departGroupId');
  const staffState = requiredInt(body, 'staffState');
  if (staffState !== 0 && staffState !== 1) {
    throw new BusinessError(ERR.badParams, '用户传参错误: staffState 取值为 0 (仅有效) 或 1 (全部)');
  }
  return STAFF.filter(
    (s) =>
      (departId === -1 || s.departId === departId) &&
      (groupId === -1 || s.departGroupId === groupId) &&
      (staffState === 1 || s.active),
  ).map((s) => ({
    ad_staff_code: s.code,
    ad_staff_name: s.name,
    ad_departid: s.departId,
    ad_departname: s.departName,
    ad_departgroupid: s.departGroupId,
    ad_staff_state: s.active ? 0 : 1,
  }));
}
