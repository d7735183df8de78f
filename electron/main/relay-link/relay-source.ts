/**
 * The relay as the service's TodoSource: the same port the Youmi client fills, so the
 * list, reminders and triage work unchanged. The relay already scoped the todos to this
 * device's staff member; `staff` is not sent. A todo of someone else reads as null, which
 * the service's confirmed-close rules treat as "gone" after two polls.
 */
import type { TodoSource } from '../service/ports';
import type { RelayLink } from './link';

export function relayTodoSource(link: RelayLink): TodoSource {
  return {
    async listMyOpenTodos() {
      const snap = await link.snapshot();
      return { todos: snap.todos.filter((t) => t.state === 'open'), skipped: 0 };
    },
    getTodo: (id) => link.getTodo(id),
  };
}
