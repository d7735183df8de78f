import type { Todo } from '../../../shared/todo';

/** Field-by-field equality of two todos: cheaper than serialising 10,000 of them per poll. */
export function sameTodo(a: Todo, b: Todo): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.content === b.content &&
    a.remindAt === b.remindAt &&
    a.isAlways === b.isAlways &&
    a.state === b.state &&
    a.stateCode === b.stateCode &&
    a.customer === b.customer &&
    a.creator === b.creator &&
    a.merchantId === b.merchantId &&
    a.completion === b.completion &&
    a.createdAt === b.createdAt &&
    a.account.id === b.account.id &&
    a.account.wechatNo === b.account.wechatNo &&
    a.account.nick === b.account.nick &&
    a.account.kind === b.account.kind &&
    a.level.name === b.level.name &&
    a.level.color === b.level.color &&
    a.recipients.length === b.recipients.length &&
    a.recipients.every((r, i) => r === b.recipients[i])
  );
}
