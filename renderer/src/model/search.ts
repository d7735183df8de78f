import type { TodoView } from '../../../shared/contract/types';

const haystacks = new WeakMap<TodoView, string>();

/** Lower-cased text a todo can be found by: title, content, customer, account nick and WeChat number. */
export function haystack(todo: TodoView): string {
  let text = haystacks.get(todo);
  if (text === undefined) {
    text = [todo.title, todo.content, todo.customer, todo.account.nick, todo.account.wechatNo]
      .filter((part): part is string => typeof part === 'string' && part.length > 0)
      .join('\n')
      .toLowerCase();
    haystacks.set(todo, text);
  }
  return text;
}

export function searchTerms(query: string): string[] {
  return query.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

/** Every term must appear somewhere (AND). */
export function matchesSearch(todo: TodoView, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const text = haystack(todo);
  return terms.every((term) => text.includes(term));
}
