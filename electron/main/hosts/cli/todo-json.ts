/**
 * The element of `list --json` (issue 2 item 4). Built key by key, so a field added to
 * `Todo` does not leak into the output unannounced; a later issue extends it with `local`.
 */
import type { LocalMark, Todo } from '../../../../shared/todo';

export const NO_LOCAL_MARK: LocalMark = { done: false, doneAt: null, snoozedUntil: null };

export function todoJson(todo: Todo, local: LocalMark = NO_LOCAL_MARK): Record<string, unknown> {
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
  };
}
