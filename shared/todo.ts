/**
 * The one normalised todo (待办) shape the whole app speaks. The Youmi wire format
 * (names such as `followupsiTuation`, `sate`, `recipientData`) is translated into this
 * by electron/main/api/parse.ts and never travels further.
 */
export type TodoState = 'open' | 'handled' | 'cancelled' | 'unknown';
export type AccountKind = 'wechat' | 'official' | 'miniprogram' | 'wecom' | 'unknown';
export type Completion = 'manual' | 'contact' | 'like-moments' | 'comment-moments' | 'unknown';

export interface TodoAccount {
  /** wecharId: the operating account (运营号) id. */
  id: number | null;
  wechatNo: string | null;
  nick: string | null;
  kind: AccountKind;
}

export interface TodoLevel {
  name: string | null;
  /** Lower-case "#rrggbb", or null when the API sent anything that is not a hex colour. */
  color: string | null;
}

export interface Todo {
  id: number;
  title: string;
  content: string | null;
  /** ISO 8601 UTC ("2024-08-17T16:00:00.000Z"), or null when the API gave no usable time. */
  remindAt: string | null;
  isAlways: boolean;
  state: TodoState;
  stateCode: number | null;
  recipients: string[];
  /** The customer's original WeChat id (weixin). */
  customer: string | null;
  /** The creator's staff code (sffId). */
  creator: string | null;
  merchantId: string | null;
  account: TodoAccount;
  level: TodoLevel;
  completion: Completion;
  createdAt: string | null;
}

/** What this machine knows about a todo that the API cannot store (docs/youmi-api.md §4). */
export interface LocalMark {
  done: boolean;
  doneAt: string | null;
  snoozedUntil: string | null;
}

export type ClosedReason = 'handled' | 'cancelled' | 'gone';

export const ACCOUNT_KIND_BY_FROM: Record<number, AccountKind> = {
  0: 'wechat',
  1: 'official',
  2: 'miniprogram',
  3: 'wecom',
};

export const COMPLETION_BY_EVENT_TYPE: Record<number, Completion> = {
  0: 'manual',
  100: 'contact',
  120: 'like-moments',
  130: 'comment-moments',
};

export const STATE_BY_SATE: Record<number, TodoState> = {
  0: 'open',
  1: 'handled',
  2: 'cancelled',
};
