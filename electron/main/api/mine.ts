/**
 * Which todos belong to a staff member. The server's remindStaff/usersate filters are a
 * hint, not a guarantee (docs/youmi-api.md §3.3), so the decision is made here from the todo.
 */
import type { Todo } from '../../../shared/todo';

/**
 * Staff codes compare without case or surrounding blanks: the vendor backend is .NET on a
 * case-insensitive store as far as anyone can tell, and "B08" typed in settings should
 * still find "b08".
 */
export function sameStaff(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function isAddressedTo(todo: Todo, staff: string): boolean {
  return todo.recipients.some((r) => sameStaff(r, staff));
}

/** Open and addressed to `staff`: what the app reminds about. */
export function isMine(todo: Todo, staff: string): boolean {
  return todo.state === 'open' && isAddressedTo(todo, staff);
}
