/**
 * GetStaffList / GetDepartList items. Their response fields are undocumented
 * (docs/youmi-api.md §5.3): other endpoints call the staff code ad_staff_code, staffCode,
 * staff_code or code, so all of them are read.
 */
import type { StaffMember } from '../../../shared/contract/types';
import type { Department } from './types';
import { WireRecord, asInt, asString, isPlainObject, preview } from './wire';

function listOf(values: unknown, what: string, log: (line: string) => void): unknown[] {
  if (Array.isArray(values)) return values;
  if (values !== null && values !== undefined) log(`${what}: values is not a list (${preview(values)}); treated as empty`);
  return [];
}

export function parseStaffList(values: unknown, log: (line: string) => void): StaffMember[] {
  const out: StaffMember[] = [];
  listOf(values, 'GetStaffList', log).forEach((raw, index) => {
    if (!isPlainObject(raw)) {
      log(`skipped staff item ${index}: not an object`);
      return;
    }
    const r = new WireRecord(raw);
    const code = asString(r.get('ad_staff_code', 'staffCode', 'staff_code', 'code', 'sffId'));
    if (code === null) {
      log(`skipped staff item ${index}: no staff code`);
      return;
    }
    out.push({
      code,
      name: asString(r.get('ad_staff_name', 'staffName', 'staff_name', 'name')) ?? '',
      depart: asString(r.get('ad_departname', 'departName', 'departname', 'depart_name')),
    });
  });
  return out;
}

export function parseDepartments(values: unknown, log: (line: string) => void): Department[] {
  const out: Department[] = [];
  listOf(values, 'GetDepartList', log).forEach((raw, index) => {
    const r = isPlainObject(raw) ? new WireRecord(raw) : null;
    const id = r && asInt(r.get('departid', 'departId', 'id'));
    if (r === null || id === null) {
      log(`skipped department item ${index}: no department id`);
      return;
    }
    out.push({ id, name: asString(r.get('departname', 'departName', 'name')) ?? '' });
  });
  return out;
}

export function findStaff(staff: readonly StaffMember[], code: string): StaffMember | null {
  // Exactly, as the server's remindStaff filter compares (it refuses "B08" for "b08"): the
  // doctor must not pass a code the list then fails on.
  return staff.find((s) => s.code.trim() === code.trim()) ?? null;
}
