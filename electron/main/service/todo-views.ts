/**
 * One TodoView object per todo for as long as nothing it shows changed: the same Todo
 * object (sync keeps an unchanged todo's object), the same marks, the same closed record
 * and the same next reminder time. Snapshot deltas then find the changed todos by
 * reference (app/snapshot-deltas.ts); a changed todo arriving as a new object simply
 * makes a new view. Hot at 10,000 todos: no map or string is made for an unchanged todo.
 */
import type { TodoView } from '../../../shared/contract/types';
import type { LocalMark, Todo } from '../../../shared/todo';

interface Memo {
  todo: Todo;
  /** The next reminder time the view's ISO string was made from. */
  nextAt: number | null;
  view: TodoView;
  /** The snapshot that last handed it out. */
  gen: number;
}

export class TodoViews {
  private memo = new Map<number, Memo>();
  private gen = 0;
  private handedOut = 0;

  /** The view for this snapshot; call `done()` after the last todo so that gone ones are forgotten. */
  view(todo: Todo, local: LocalMark, closed: TodoView['closed'], nextAt: number | null): TodoView {
    this.handedOut++;
    const m = this.memo.get(todo.id);
    if (m !== undefined && m.todo === todo && m.nextAt === nextAt && sameMarks(m.view, local, closed)) {
      m.gen = this.gen;
      return m.view;
    }
    const view: TodoView = { ...todo, local, closed, nextReminderAt: nextAt === null ? null : new Date(nextAt).toISOString() };
    this.memo.set(todo.id, { todo, nextAt, view, gen: this.gen });
    return view;
  }

  done(): void {
    if (this.memo.size > this.handedOut) {
      for (const [id, m] of this.memo) if (m.gen !== this.gen) this.memo.delete(id);
    }
    this.gen++;
    this.handedOut = 0;
  }
}

function sameMarks(v: TodoView, local: LocalMark, closed: TodoView['closed']): boolean {
  return (
    v.local.done === local.done &&
    v.local.doneAt === local.doneAt &&
    v.local.snoozedUntil === local.snoozedUntil &&
    (v.closed === closed || (v.closed !== null && closed !== null && v.closed.reason === closed.reason && v.closed.at === closed.at))
  );
}
