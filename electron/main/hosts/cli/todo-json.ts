/**
 * The element of `list --json` (issue 2 item 4). Built key by key, so a field added to
 * `Todo` does not leak into the output unannounced; a later issue extends it with `local`.
 */
import type { PeopleNames } from '../../../../shared/contract/types';
import type { LocalMark, Todo } from '../../../../shared/todo';

export const NO_LOCAL_MARK: LocalMark = { done: false, doneAt: null, snoozedUntil: null };

const NO_NAMES: PeopleNames = { customers: {}, staff: {} };

/** Display names (issue 9): null where the API does not know the id. */
export function namesJson(todo: Todo, names: PeopleNames = NO_NAMES): Record<string, unknown> {
  const info = todo.customer ? names.customers[`${todo.account.id ?? 0}|${todo.customer}`] : undefined;
  const staff = (code: string): string | null => names.staff[code]?.name || null;
  return {
    customer: info ? info.remark || info.nick : null,
    customerNick: info?.nick ?? null,
    customerRemark: info?.remark ?? null,
    creator: todo.creator ? staff(todo.creator) : null,
    recipients: todo.recipients.map(staff),
  };
}

export function todoJson(todo: Todo, local: LocalMark = NO_LOCAL_MARK, names?: PeopleNames): Record<string, unknown> {
  return {
    id: todo.id,
    title: todo.title,
    content: todo.content,
    remindAt: todo.remindAt,
    isAlways: todo.isAlways,
    state: todo.state,
    stateCode: todo.stateCode,
    recipients: [...todo.recipients],
    customer: todo.customer,
    creator: todo.creator,
    merchantId: todo.merchantId,
    account: {
      id: todo.account.id,
      wechatNo: todo.account.wechatNo,
      nick: todo.account.nick,
      kind: todo.account.kind,
    },
    level: { name: todo.level.name, color: todo.level.color },
    completion: todo.completion,
    createdAt: todo.createdAt,
    local: { done: local.done, doneAt: local.doneAt, snoozedUntil: local.snoozedUntil },
    names: namesJson(todo, names),
  };
}
