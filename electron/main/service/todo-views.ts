/**
 * One TodoView object per todo for as long as nothing it shows changed: the same Todo
 * object (sync keeps an unchanged todo's object), the same marks, the same closed record
 * and the same next reminder time. Snapshot deltas then find the changed todos by
 * reference (app/snapshot-deltas.ts); a changed todo arriving as a new object simply
 * makes a new view.
 */
import type { TodoView } from '../../../shared/contract/types';
import type { LocalMark, Todo } from '../../../shared/todo';

interface Memo {
  todo: Todo;
  view: TodoView;
}

export class TodoViews {
  private memo = new Map<number, Memo>();
  private next = new Map<number, Memo>();

  /** The view for this snapshot; call `done()` after the last todo so that gone ones are forgotten. */
  view(todo: Todo, local: LocalMark, closed: TodoView['closed'], nextReminderAt: string | null): TodoView {
    const m = this.memo.get(todo.id);
    const v = m?.view;
    const same =
      m !== undefined &&
      v !== undefined &&
      m.todo === todo &&
      v.nextReminderAt === nextReminderAt &&
      v.local.done === local.done &&
      v.local.doneAt === local.doneAt &&
      v.local.snoozedUntil === local.snoozedUntil &&
      (v.closed === closed || (v.closed !== null && closed !== null && v.closed.reason === closed.reason && v.closed.at === closed.at));
    const memo = same ? m : { todo, view: { ...todo, local, closed, nextReminderAt } };
    this.next.set(todo.id, memo);
    return memo.view;
  }

  done(): void {
    this.memo = this.next;
    this.next = new Map();
  }
}
