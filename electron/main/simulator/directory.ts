/**
 * The fixed world the simulator pretends to be: one merchant, its departments,
 * groups, staff and operating accounts, plus the demo credentials. Demo data and
 * the System endpoints both read from here so they never disagree.
 */
import type { StaffMember } from './types';

export const DEMO_CREDENTIALS = { clientId: 'demo-client', clientSecret: 'demo-secret' } as const;
export const DEMO_TENANTS: readonly string[] = ['t-1001'];
export const DEMO_STAFF = 'b08';
export const MERCHANT_ID = '640462692';

export interface Depart {
  departid: number;
  departname: string;
}
export interface DepartGroup {
  departgroupid: number;
  departgroupname: string;
  departid: number;
}
export interface StaffRecord extends StaffMember {
  departGroupId: number;
}
export interface OperatingAccount {
  id: number;
  wechatNo: string;
  nick: string;
  /** The `from` code: 0 personal WeChat, 1 official account, 2 mini-program, 3 WeCom. */
  from: number;
}

export const DEPARTS: readonly Depart[] = [
  { departid: 1, departname: '客服部' },
  { departid: 2, departname: '运营部' },
  { departid: 3, departname: '管理部' },
];

export const DEPART_GROUPS: readonly DepartGroup[] = [
  { departgroupid: 11, departgroupname: '售前组', departid: 1 },
  { departgroupid: 12, departgroupname: '售后组', departid: 1 },
  { departgroupid: 21, departgroupname: '内容组', departid: 2 },
  { departgroupid: 31, departgroupname: '主管组', departid: 3 },
];

const departName = (id: number): string => DEPARTS.find((d) => d.departid === id)?.departname ?? '';

function staff(code: string, name: string, departId: number, departGroupId: number, active = true): StaffRecord {
  return { code, name, departId, departName: departName(departId), departGroupId, active };
}

export const STAFF: readonly StaffRecord[] = [
  staff('b03', '王经理', 3, 31),
  staff('b05', '李主管', 3, 31),
  staff('b08', '张三', 1, 11),
  staff('b11', '李四', 1, 11),
  staff('b15', '王五', 1, 12),
  staff('b16', '赵六', 2, 21),
  // Left the company: present in the directory (staffState 1) but not "active".
  staff('b20', '刘七', 1, 12, false),
];

export function findStaff(code: string): StaffRecord | undefined {
  return STAFF.find((s) => s.code === code);
}

export const ACCOUNTS: readonly OperatingAccount[] = [
  { id: 3430, wechatNo: 'kkk368555', nick: '个微P06', from: 0 },
  { id: 3431, wechatNo: 'ym_kefu0102', nick: '个微P02', from: 0 },
  { id: 5120, wechatNo: 'wwqk_kf01', nick: '企微客服01', from: 3 },
  { id: 5121, wechatNo: 'wwqk_kf02', nick: '企微客服02', from: 3 },
  { id: 780, wechatNo: 'gh_3f2a9c1b7e55', nick: '友米商城服务号', from: 1 },
  { id: 781, wechatNo: 'wxapp_youmi', nick: '友米小程序', from: 2 },
];

export function findAccount(id: number): OperatingAccount | undefined {
  return ACCOUNTS.find((a) => a.id === id);
}
