/**
 * The last listing's list items, each kept with the Todo it parsed to, so that a poll
 * parses only the items whose wire fields changed. An unchanged item gives back the very
 * same Todo object: the service keeps it (reference-equal) and the bridge diffs by
 * reference. Parsing is a pure function of the item, so "same fields, in the same order,
 * same values" is enough to reuse the result. Items that fail to parse are never kept:
 * they are skipped, counted and logged on every poll, as without the memo.
 *
 * Todo objects handed out here are shared between polls: nobody may change one in place.
 */
import type { Todo } from '../../../shared/todo';

interface Entry {
  keys: string[];
  raw: Record<string, unknown>;
  todo: Todo;
}

type Key = number | string;

/** The lookup key of a raw item: its documented `id`, when it has one (others are just parsed). */
function keyOf(raw: Record<string, unknown>): Key | null {
  const id = raw.id;
  return typeof id === 'number' || typeof id === 'string' ? id : null;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Nested values (a recipient list sent as a real array, say) are rare: compared as text.
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Key order counts too: which of two spellings of a field wins depends on it (wire.ts).
 * for…in, not Object.keys: JSON.parse's objects share a shape, so this allocates nothing.
 */
function sameFields(e: Entry, raw: Record<string, unknown>): boolean {
  let i = 0;
  for (const k in raw) {
    if (k !== e.keys[i] || !sameValue(e.raw[k], raw[k])) return false;
    i++;
  }
  return i === e.keys.length;
}

/** One listing in progress: what it has read so far, and the previous listing to reuse. */
export class MemoPass {
  readonly read = new Map<Key, Entry>();
  hits = 0;

  constructor(private readonly before: ReadonlyMap<Key, Entry>) {}

  /** The Todo this item parsed to last time (or earlier in this listing), when its fields are unchanged. */
  reuse(raw: Record<string, unknown>): Todo | undefined {
    const key = keyOf(raw);
    if (key === null) return undefined;
    const e = this.read.get(key) ?? this.before.get(key);
    if (!e) return undefined;
    if (e.raw !== raw && !sameFields(e, raw)) return undefined;
    this.read.set(key, e);
    this.hits++;
    return e.todo;
  }

  /** Remembers a freshly parsed item for the next listing. */
  keep(raw: Record<string, unknown>, todo: Todo): void {
    const key = keyOf(raw);
    if (key !== null) this.read.set(key, { keys: Object.keys(raw), raw, todo });
  }
}

/** Per list (the poll's own filter): the items of the last listing that finished. */
export class ItemMemo {
  private last: ReadonlyMap<Key, Entry> = new Map();

  begin(): MemoPass {
    return new MemoPass(this.last);
  }

  /**
   * A finished listing replaces the last one, so items that left the list are dropped.
   * A listing that failed half-way is simply not committed.
   */
  commit(pass: MemoPass): void {
    this.last = pass.read;
  }

  get size(): number {
    return this.last.size;
  }
}
