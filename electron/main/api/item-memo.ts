/**
 * The last listing's list items, each kept with the Todo it parsed to, so that a poll
 * parses only the items whose wire fields changed. An unchanged item gives back the very
 * same Todo object: the service keeps it (reference-equal) and the bridge diffs by
 * reference. Parsing is a pure function of the item, so "same fields, in the same order,
 * same values" is enough to reuse the result. Items that fail to parse are never kept:
 * they are skipped, counted and logged on every poll, as without the memo.
 *
 * Items are looked for first where they were last time (same page, same position: most
 * polls change nothing or little), and only when another id sits there (an insert or a
 * removal shifted the pages) by id, through an index built once for that listing.
 *
 * Todo objects handed out here are shared between polls: nobody may change one in place.
 */
import type { Todo } from '../../../shared/todo';

type Key = number | string;

/**
 * An item as it was: its field names and values in order, and the object itself. A page
 * whose text did not change gives back the very same objects (last-answer.ts), which
 * nobody changes: such an item is known unchanged without comparing its fields.
 */
interface Entry {
  key: Key;
  raw: Record<string, unknown>;
  keys: string[];
  values: unknown[];
  todo: Todo;
}

/** Per page (from 0), per position; a hole where the item could not be parsed. */
type Pages = (Entry | undefined)[][];

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
 * for…in over the item itself, not Object.keys: it allocates nothing and reads each
 * value by the shape's own index.
 */
function sameFields(e: Entry, raw: Record<string, unknown>): boolean {
  let i = 0;
  for (const k in raw) {
    if (k !== e.keys[i] || !sameValue(e.values[i], raw[k])) return false;
    i++;
  }
  return i === e.keys.length;
}

/** One page of a listing in progress. */
export class PageMemo {
  constructor(
    private readonly pass: MemoPass,
    private readonly before: readonly (Entry | undefined)[] | undefined,
    private readonly now: (Entry | undefined)[],
  ) {}

  /** The Todo this item parsed to last time, when its fields are unchanged. */
  reuse(pos: number, raw: Record<string, unknown>): Todo | undefined {
    const key = keyOf(raw);
    if (key === null) return undefined;
    let e = this.before?.[pos];
    if (e?.key !== key) e = this.pass.byKey(key);
    if (!e) return undefined;
    if (e.raw !== raw) {
      if (!sameFields(e, raw)) return undefined;
      e.raw = raw; // the object the next answer may give back again
    }
    this.now[pos] = e;
    this.pass.hits++;
    return e.todo;
  }

  /** Remembers a freshly parsed item for the next listing. */
  keep(pos: number, raw: Record<string, unknown>, todo: Todo): void {
    const key = keyOf(raw);
    if (key !== null) this.now[pos] = { key, raw, keys: Object.keys(raw), values: Object.values(raw), todo };
  }
}

/** One listing in progress: what it has read so far, and the previous listing to reuse. */
export class MemoPass {
  readonly pages: Pages = [];
  hits = 0;
  private index: Map<Key, Entry> | null = null;

  constructor(private readonly before: Pages) {}

  /** pageIndex as the API counts it, from 1. */
  page(pageIndex: number): PageMemo {
    const now: (Entry | undefined)[] = [];
    this.pages[pageIndex - 1] = now;
    return new PageMemo(this, this.before[pageIndex - 1], now);
  }

  byKey(key: Key): Entry | undefined {
    if (!this.index) {
      this.index = new Map();
      for (const page of this.before) for (const e of page) if (e) this.index.set(e.key, e);
    }
    return this.index.get(key);
  }
}

/** Per list (the poll's own filter): the items of the last listing that finished. */
export class ItemMemo {
  private last: Pages = [];

  begin(): MemoPass {
    return new MemoPass(this.last);
  }

  /**
   * A finished listing replaces the last one, so items that left the list are dropped.
   * A listing that failed half-way is simply not committed.
   */
  commit(pass: MemoPass): void {
    this.last = pass.pages;
  }
}
