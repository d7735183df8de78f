/**
 * The connection check behind `cli doctor` and the window's 测试连接 (test connection):
 * config, token, a count call, the staff code, in that order, stopping at the first
 * failure so the report names the one thing to fix.
 */
import type { DoctorReport, DoctorStep, DoctorStepName } from '../../../shared/contract/types';
import { createYoumiClient, type YoumiConnection } from './client';
import { SETTING_LABELS } from './config';
import { BusinessError, ConfigError, toAppError } from './errors';
import { findStaff } from './staff';
import type { YoumiConfig } from './types';

export interface DoctorInput {
  config: Partial<YoumiConfig>;
  staff: string;
}

export interface DoctorDeps {
  /** Lets tests and the window supply their own client; default createYoumiClient. */
  connect?: (config: Partial<YoumiConfig>) => YoumiConnection;
}

/** A staff code the server does not know, reported like the server's own 200010. */
export const UNKNOWN_STAFF_CODE = 200010;

export async function runDoctor(input: DoctorInput, deps: DoctorDeps = {}): Promise<DoctorReport> {
  const steps: DoctorStep[] = [];
  const pass = (step: DoctorStepName, detail: string, facts: DoctorStep['facts'] = {}): void => {
    steps.push({ step, ok: true, detail, error: null, facts });
  };
  const failed = (step: DoctorStepName, e: unknown): DoctorReport => {
    const error = toAppError(e);
    steps.push({ step, ok: false, detail: error.detail, error });
    return { ok: false, steps };
  };

  let client: YoumiConnection;
  const staff = input.staff.trim();
  try {
    client = (deps.connect ?? createYoumiClient)(input.config);
  } catch (e) {
    return failed('config', e);
  }
  try {
    if (!staff) return failed('config', new ConfigError(`${SETTING_LABELS.staff} is not set`, 'staff'));
    pass('config', 'base URL, client id and secret, staff code are set');

    try {
      const { expiresInSec } = await client.checkToken();
      pass('token', `access token obtained (valid for ${expiresInSec} s)`, { validForSec: expiresInSec });
    } catch (e) {
      return failed('token', e);
    }

    try {
      const open = await client.countTodos({ usersate: 0 });
      pass('count', `${open} open todos on the account`, { open });
    } catch (e) {
      return failed('count', e);
    }

    try {
      const everyone = await client.listStaff({ includeInactive: true });
      const member = findStaff(everyone, staff);
      if (!member) {
        const other = everyone.find((s) => s.code.toLowerCase() === staff.toLowerCase());
        const hint = other ? ` (codes are case-sensitive: did you mean ${other.code}?)` : '';
        throw new BusinessError(
          `business error ${UNKNOWN_STAFF_CODE} 员工号不存在 (staff code does not exist): ${staff} is not in the staff list${hint}`,
          UNKNOWN_STAFF_CODE,
          '员工号不存在',
          'staff code does not exist',
        );
      }
      const mine = await client.countTodos({ remindStaff: member.code, usersate: 0 });
      // Listed with every state but not among the active: the server has disabled (停用) them.
      const disabled = !(await client.listStaff({ includeInactive: false })).some((s) => s.code === member.code);
      const who = member.name ? ` = ${member.name}${member.depart ? ` (${member.depart})` : ''}` : '';
      const warning = disabled ? '; warning: this staff member is disabled (停用) on the server' : '';
      pass('staff', `${member.code}${who}, ${mine} open todos${warning}`, {
        code: member.code,
        name: member.name,
        depart: member.depart ?? '',
        mine,
        disabled,
      });
    } catch (e) {
      return failed('staff', e);
    }
    return { ok: true, steps };
  } finally {
    await client.close();
  }
}
