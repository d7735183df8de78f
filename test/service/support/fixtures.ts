/** Test doubles for the service's ports: an in-memory todo source and a recording notifier. */
import type { ReminderEvent } from '../../../shared/contract/types';
import type { Todo } from '../../../shared/todo';
import type { Notifier, TodoSource } from '../../../electron/main/service/ports';

let nextId = 1000;

/** What a fresh parse would give: new objects each time (structuredClone is 10× slower). */
const copy = (t: Todo): Todo => ({ ...t, recipients: [...t.recipients], account: { ...t.account }, level: { ...t.level } });

export function makeTodo(over: Partial<Todo> & { remindAt: string | null }): Todo {
  const id = over.id ?? nextId++;
  return {
    id,
    title: `回访客户 ${id}`,
    content: '确认收货情况',
    isAlways: false,
    state: 'open',
    stateCode: 0,
    recipients: ['b08'],
    customer: 'wxid_cdh8t1ajl8qm22',
    creator: 'b03',
    merchantId: '640462692',
    account: { id: 3430, wechatNo: 'kkk368555', nick: '个微P06', kind: 'wechat' },
    level: { name: '紧急', color: '#ff0303' },
    completion: 'manual',
    createdAt: '2025-01-01T00:00:00.000Z',
    ...over,
  };
}

/** A TodoSource over a mutable array; `fail` makes the next calls throw. */
export class FakeSource implements TodoSource {
  todos: Todo[] = [];
  /** Todos the server still knows but no longer lists (handled, cancelled, or shifted). */
  archive = new Map<number, Todo>();
  listCalls = 0;
  lookups: number[] = [];
  failWith: Error | null = null;
  /** Ids left out of the next list responses (a paging shift). */
  hide = new Set<number>();

  async listMyOpenTodos(staff: string): Promise<{ todos: Todo[]; skipped: number }> {
    this.listCalls++;
    if (this.failWith) throw this.failWith;
    return {
      todos: this.todos.filter((t) => t.state === 'open' && t.recipients.includes(staff) && !this.hide.has(t.id)).map(copy),
      skipped: 0,
    };
  }
  async getTodo(id: number): Promise<Todo | null> {
    this.lookups.push(id);
    if (this.failWith) throw this.failWith;
    const t = this.todos.find((x) => x.id === id) ?? this.archive.get(id);
    return t ? copy(t) : null;
  }
  set(id: number, patch: Partial<Todo>): void {
    const i = this.todos.findIndex((t) => t.id === id);
    this.todos[i] = { ...this.todos[i]!, ...patch };
  }
  remove(id: number): void {
    this.todos = this.todos.filter((t) => t.id !== id);
  }
}

export class RecordingNotifier implements Notifier {
  events: ReminderEvent[] = [];
  notify(r: ReminderEvent): void {
    this.events.push(r);
  }
  /** Reminder count per todo id (summaries count for each todo they name). */
  countFor(id: number): number {
    return this.events.filter((e) => e.todoIds.includes(id)).length;
  }
  singles(): ReminderEvent[] {
    return this.events.filter((e) => e.kind === 'single');
  }
  summaries(): ReminderEvent[] {
    return this.events.filter((e) => e.kind === 'summary');
  }
  clear(): void {
    this.events = [];
  }
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
