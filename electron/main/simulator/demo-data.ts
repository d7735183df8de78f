/**
 * Seeded demo todos. A pure function of (seed, now): the same seed at the same
 * instant yields identical rows, and the schedule is placed relative to now so a
 * freshly started demo always has overdue items, items due in the next minutes
 * (reminders pop soon after start), later today, tomorrow and next week.
 */
import { chinaMidnight, formatChinaTime } from './china-time';
import { ACCOUNTS, DEMO_STAFF, MERCHANT_ID, type OperatingAccount } from './directory';
import { mulberry32, type Prng } from './prng';
import type { WireTodo } from './types';

interface Template {
  title: string;
  content: string;
  /** 0 manual, 100 contact customer, 120 like Moments, 130 comment on Moments */
  eventType: number;
}

const TEMPLATES: readonly Template[] = [
  { title: '回访客户确认收货', content: '客户3天前已签收，回访确认商品是否完好，顺便邀请晒单评价。', eventType: 100 },
  { title: '提醒客户完成尾款支付', content: '预售订单尾款今晚24点截止，提醒客户及时支付，逾期定金不退。', eventType: 100 },
  { title: '评论客户朋友圈新品动态', content: '客户发了新品开箱，去朋友圈评论互动，夸一下搭配。', eventType: 130 },
  { title: '点赞客户朋友圈晒单', content: '客户晒了上周买的连衣裙，点赞维护关系。', eventType: 120 },
  { title: '生日祝福', content: '客户今天生日，发送祝福并赠送20元无门槛优惠券。', eventType: 100 },
  { title: '售后退换货跟进', content: '客户申请换货（尺码偏小，换大一码），跟进寄回快递单号。', eventType: 0 },
  { title: '预约到店时间确认', content: '客户预约周六下午到店试穿，提前一天确认到店时间和人数。', eventType: 100 },
  { title: '确认发票抬头信息', content: '客户需要开增值税专用发票，确认公司抬头、税号和邮寄地址。', eventType: 0 },
  { title: '物流异常安抚客户', content: '快递显示停滞两天未更新，先联系快递核实，再给客户回个话。', eventType: 100 },
  { title: '会员续费提醒', content: '年卡会员下周到期，提醒续费，本月续费享8折。', eventType: 100 },
  { title: '收集客户使用反馈', content: '精华液已使用两周，询问肤感和效果，整理反馈给产品组。', eventType: 100 },
  { title: '邀请客户参加直播活动', content: '周四晚8点新品直播，私信邀请客户预约，直播间有专属福利。', eventType: 100 },
  { title: '处理客户投诉回访', content: '客户反映上次咨询回复慢，主管要求今天内回访致歉并补偿积分。', eventType: 0 },
  { title: '确认定制尺寸', content: '定制西装需要客户补充肩宽和袖长数据，确认后再下单生产。', eventType: 100 },
  { title: '补发赠品', content: '订单漏发赠品保温杯，和客户确认收货地址后安排补发。', eventType: 0 },
  { title: '节日问候', content: '中秋节问候老客户，附上月饼礼盒团购链接。', eventType: 100 },
  { title: '复购推荐', content: '客户上次购买的面霜差不多用完了，推荐回购套装（买二送一）。', eventType: 100 },
  { title: '评论客户旅行照片', content: '客户在朋友圈发了三亚旅行照片，评论互动，顺带提一下防晒新品。', eventType: 130 },
  { title: '核对退款到账', content: '退款已原路退回，确认客户是否到账，到账后关闭售后单。', eventType: 0 },
  { title: '提醒客户签收包裹', content: '包裹已到驿站两天，提醒客户尽快取件，避免退回。', eventType: 100 },
  { title: '邀请客户进会员群', content: '客户消费满500元，邀请进VIP会员群，群内每周有秒杀。', eventType: 100 },
  { title: '点赞客户朋友圈', content: '客户宝宝满月，点赞并送上祝福。', eventType: 120 },
  { title: '跟进优惠券使用', content: '上周发的满300减50券快过期了，提醒客户使用。', eventType: 100 },
  { title: '确认试用装寄送地址', content: '客户领取了新品试用装，确认收件人、电话和地址。', eventType: 0 },
  { title: '售后维修进度同步', content: '吹风机已寄回厂家检测，把维修进度同步给客户。', eventType: 100 },
  { title: '整理客户需求备注', content: '客户想要适合敏感肌的套装，整理需求备注，转给售前组推荐。', eventType: 0 },
];

const LEVELS: ReadonlyArray<{ name: string; color: string; weight: number }> = [
  { name: '紧急', color: '#ff0303', weight: 15 },
  { name: '重要', color: '#ff8c00', weight: 25 },
  { name: '普通', color: '#1e90ff', weight: 45 },
  { name: '低', color: '#8c8c8c', weight: 15 },
];

type When =
  | { rel: number } // ms from now
  | { day: number; at: string } // China calendar day relative to today, "HH:mm"
  | { today: number } // later today, as a fraction of what is left of the day
  | 'missing' // no remindTime key at all
  | 'empty'; // remindTime: ""

interface Slot {
  when: When;
  sate: 0 | 1 | 2;
  to: string[];
  quirk?: 'junk-colour' | 'no-colour' | 'upper-colour' | 'seed-like';
  /** A fixed operating account id, so every account type (from 0..3) shows up whatever the seed. */
  account?: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;

const me = (when: When, sate: 0 | 1 | 2 = 0, quirk?: Slot['quirk'], account?: number): Slot => ({
  when,
  sate,
  to: [DEMO_STAFF],
  ...(quirk ? { quirk } : {}),
  ...(account ? { account } : {}),
});

/** 40 todos for the demo staff member: the mix the demo is meant to show. */
const DEMO_SLOTS: readonly Slot[] = [
  // overdue, minutes to days
  me({ rel: -30_000 }),
  me({ rel: -2 * MIN }),
  me({ rel: -8 * MIN }),
  me({ rel: -15 * MIN }),
  me({ rel: -50 * MIN }),
  me({ rel: -3 * HOUR }),
  me({ day: -1, at: '16:00' }),
  me({ day: -2, at: '10:30' }),
  me({ day: -3, at: '18:00' }),
  me({ day: -5, at: '09:00' }),
  // the next few minutes: reminders pop soon after the demo starts
  me({ rel: 1 * MIN }),
  me({ rel: 3 * MIN }, 0, undefined, 5120),
  me({ rel: 7 * MIN }),
  me({ rel: 12 * MIN }),
  me({ rel: 25 * MIN }),
  // later today
  me({ today: 0.3 }),
  me({ today: 0.55 }, 0, 'junk-colour'),
  me({ today: 0.8 }),
  me({ today: 0.95 }),
  // tomorrow and beyond
  me({ day: 1, at: '00:00' }, 0, 'seed-like', 3430),
  me({ day: 1, at: '09:30' }, 0, undefined, 781),
  me({ day: 1, at: '14:00' }, 0, 'upper-colour'),
  me({ day: 2, at: '11:00' }, 0, undefined, 780),
  me({ day: 3, at: '20:00' }),
  me({ day: 4, at: '09:00' }),
  me({ day: 6, at: '10:00' }),
  me({ day: 7, at: '00:00' }),
  me({ day: 9, at: '15:30' }),
  me({ day: 14, at: '10:00' }),
  // no remind time
  me('missing'),
  me('empty'),
  // handled
  me({ day: -1, at: '10:00' }, 1),
  me({ rel: -4 * HOUR }, 1),
  me({ day: -2, at: '15:00' }, 1),
  me({ rel: 2 * HOUR }, 1),
  me({ day: -6, at: '11:00' }, 1),
  me({ day: 1, at: '10:00' }, 1),
  // cancelled
  me({ day: -1, at: '12:00' }, 2),
  me({ rel: 4 * HOUR }, 2),
  me({ day: -4, at: '09:30' }, 2),
];

/** 15 todos for colleagues, so that remindStaff filtering has something to leave out. */
const OTHER_SLOTS: readonly Slot[] = [
  { when: { rel: -30 * MIN }, sate: 0, to: ['b11'] },
  { when: { rel: 20 * MIN }, sate: 0, to: ['b11'] },
  { when: { day: 1, at: '10:00' }, sate: 0, to: ['b11'], quirk: 'no-colour' },
  { when: { day: -1, at: '15:00' }, sate: 1, to: ['b11'] },
  { when: { rel: 2 * HOUR }, sate: 0, to: ['b11'] },
  { when: { day: 5, at: '09:00' }, sate: 0, to: ['b11'] },
  { when: { day: -2, at: '11:00' }, sate: 2, to: ['b11'] },
  { when: { rel: -1 * HOUR }, sate: 0, to: ['b15'] },
  { when: { rel: 5 * MIN }, sate: 0, to: ['b15'] },
  { when: { day: 1, at: '16:00' }, sate: 0, to: ['b15'] },
  { when: { day: -3, at: '10:00' }, sate: 1, to: ['b15'] },
  { when: { day: 2, at: '14:30' }, sate: 0, to: ['b15'] },
  { when: { rel: -10 * MIN }, sate: 0, to: ['b15'] },
  { when: { day: 1, at: '09:00' }, sate: 0, to: ['b11', 'b15'] },
  { when: { rel: 45 * MIN }, sate: 0, to: ['b11', 'b15'] },
];

function remindMs(when: When, nowMs: number): number | null {
  if (when === 'missing' || when === 'empty') return null;
  if ('rel' in when) return Math.floor((nowMs + when.rel) / 1000) * 1000;
  if ('day' in when) {
    const [h = 0, m = 0] = when.at.split(':').map(Number);
    return chinaMidnight(nowMs, when.day) + h * HOUR + m * MIN;
  }
  // Later today, on a 5-minute step like a person would pick. Close to midnight
  // there is no "later today" left, so these spill into the small hours.
  const endOfDay = chinaMidnight(nowMs, 1) - MIN;
  const left = endOfDay - nowMs;
  const target = left >= 30 * MIN ? nowMs + Math.max(15 * MIN, left * when.today) : nowMs + 30 * MIN * (1 + when.today * 4);
  const step = 5 * MIN;
  const rounded = Math.ceil(target / step) * step;
  return left >= 30 * MIN ? Math.min(rounded, endOfDay) : rounded;
}

function weighted<T extends { weight: number }>(prng: Prng, items: readonly T[]): T {
  const total = items.reduce((sum, i) => sum + i.weight, 0);
  let r = prng.next() * total;
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items[items.length - 1] as T;
}

const ACCOUNT_WEIGHTS: readonly number[] = [40, 15, 20, 10, 8, 7];

export function seedDemoTodos(seed: number, nowMs: number): WireTodo[] {
  const prng = mulberry32(seed);
  const customers = Array.from({ length: 24 }, () => `wxid_${prng.chars('abcdefghijklmnopqrstuvwxyz0123456789', 14)}`);
  const accounts = ACCOUNTS.map((a, i) => ({ ...a, weight: ACCOUNT_WEIGHTS[i] ?? 5 }));
  const templates = prng.shuffle(TEMPLATES);

  const slots = [...DEMO_SLOTS, ...OTHER_SLOTS].map((slot) =>
    // Now and then a colleague is copied on one of the demo staff member's todos.
    slot.to.length === 1 && slot.to[0] === DEMO_STAFF && prng.chance(0.15)
      ? { ...slot, to: [DEMO_STAFF, prng.pick(['b11', 'b15'])] }
      : slot,
  );

  const drafts = slots.map((slot, i) => {
    const fixed = slot.account === undefined ? undefined : ACCOUNTS.find((a) => a.id === slot.account);
    // A fixed official account or mini-program gets a template that does not involve Moments.
    const moments = (t: Template): boolean => t.eventType >= 120;
    const start = i % templates.length;
    const rotated = [...templates.slice(start), ...templates.slice(0, start)];
    const template = (fixed && fixed.from !== 0 && fixed.from !== 3 ? rotated.find((t) => !moments(t)) : rotated[0]) as Template;
    const remind = remindMs(slot.when, nowMs);
    const anchor = Math.min(nowMs, remind ?? nowMs);
    const addMs = anchor - prng.int(10 * MIN, 3 * 24 * HOUR) - prng.int(0, 999);
    // Moments actions (120/130) only exist on a personal WeChat or WeCom account.
    const usable = moments(template) ? accounts.filter((a) => a.from === 0 || a.from === 3) : accounts;
    const drawn: OperatingAccount = weighted(prng, usable); // drawn even when fixed, so the sequence stays aligned
    const account: OperatingAccount = fixed ?? drawn;
    const owner = slot.to[0] ?? DEMO_STAFF;
    const creator = prng.chance(0.15) ? owner : prng.chance(0.65) ? 'b03' : 'b05';
    let level = weighted(prng, LEVELS);
    let levelColor = level.color;
    let levelName = level.name;
    if (slot.quirk === 'junk-colour') [levelColor, levelName] = ['red', '紧急'];
    if (slot.quirk === 'no-colour') [levelColor, levelName] = ['', ''];
    if (slot.quirk === 'upper-colour') {
      level = LEVELS[1] ?? level;
      [levelColor, levelName] = [level.color.toUpperCase(), level.name];
    }
    // An official account or mini-program cannot message a customer first, so those wait for a manual tick.
    const eventType = account.from === 1 || account.from === 2 ? 0 : template.eventType;
    const seedLike = slot.quirk === 'seed-like';
    const todo: Omit<WireTodo, 'id'> = {
      weixin: prng.pick(customers),
      merchantId: MERCHANT_ID,
      sffId: creator,
      remindTitle: seedLike ? '55' : template.title,
      followupsiTuation: seedLike || prng.chance(0.12) ? null : template.content,
      ...(slot.when === 'missing' ? {} : { remindTime: remind === null ? '' : formatChinaTime(remind, 0) }),
      isAlways: prng.chance(0.25),
      sate: slot.sate,
      recipientData: JSON.stringify(slot.to),
      addTime: formatChinaTime(addMs, prng.chance(0.5) ? 6 : 7, prng.int(0, 9999)),
      wecharId: account.id,
      from: account.from,
      levelColor,
      levelName,
      eventType: seedLike ? 0 : eventType,
      ad_wechat_nober: account.wechatNo,
      ad_wechat_nick: account.nick,
    };
    return { todo, addMs };
  });

  // Ids grow with creation time, with the odd gap where a row was deleted.
  drafts.sort((a, b) => a.addMs - b.addMs);
  let id = 3600 + prng.int(0, 40);
  const rows: WireTodo[] = drafts.map(({ todo }) => {
    const row: WireTodo = { id, ...todo };
    id += 1 + (prng.chance(0.15) ? prng.int(1, 3) : 0);
    return row;
  });

  // A few rows use the names the schema documents instead of the ad_ names the example shows.
  for (const index of prng.shuffle(rows.map((_, i) => i)).slice(0, 4)) {
    const row = rows[index];
    if (!row) continue;
    const { ad_wechat_nober, ad_wechat_nick, ...rest } = row;
    rows[index] = { ...rest, wechatNober: ad_wechat_nober ?? '', wechatNick: ad_wechat_nick ?? '' };
  }
  return rows;
}
