/**
 * The todo table behind the Todo endpoints: rows in wire form (so admin-injected
 * junk reaches clients untouched), the documented filters, and paging.
 */
import { parseChinaTime } from './china-time';
import type { WireTodo } from './types';

export interface TodoFilter {
  /** addTime bounds, Unix seconds, inclusive. */
  addFromSec?: number;
  addToSec?: number;
  /** remindTime bounds, Unix seconds, inclusive; a todo without a remind time never matches a bound. */
  remindFromSec?: number;
  remindToSec?: number;
  createStaff?: string;
  remindStaff?: string;
  wecharId?: number;
  wechatNober?: string;
  /** -1 = every state; otherwise sate must equal it (so cancelled rows show only with -1 or 2). */
  usersate: number;
  id?: number;
}

export interface Paging {
  /** null = no cap. */
  cap: number | null;
  ignorePageIndex: boolean;
}

/** recipientData is a JSON array inside a string; anything else (admin-injected junk) addresses nobody. */
export function recipientsOf(todo: WireTodo): string[] {
  const raw: unknown = todo.recipientData;
  if (typeof raw !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function seconds(time: unknown): number | null {
  if (typeof time !== 'string' || time === '') return null;
  const ms = parseChinaTime(time);
  return ms === null ? null : Math.floor(ms / 1000);
}

function within(value: number | null, from: number | undefined, to: number | undefined): boolean {
  if (from === undefined && to === undefined) return true;
  if (value === null) return false;
  return (from === undefined || value >= from) && (to === undefined || value <= to);
}

export function matches(todo: WireTodo, f: TodoFilter): boolean {
  return matchesFacts(factsOf(todo), f);
}

/** What a filter reads from a row, parsed once per stored version of the row, not once per page. */
interface RowFacts {
  readonly row: WireTodo;
  readonly recipients: readonly string[];
  readonly addSec: number | null;
  readonly remindSec: number | null;
}

function factsOf(row: WireTodo): RowFacts {
  return { row, recipients: recipientsOf(row), addSec: seconds(row.addTime), remindSec: seconds(row.remindTime) };
}

function matchesFacts(e: RowFacts, f: TodoFilter): boolean {
  const todo = e.row;
  if (f.id !== undefined && todo.id !== f.id) return false;
  if (f.usersate !== -1 && todo.sate !== f.usersate) return false;
  if (f.createStaff !== undefined && todo.sffId !== f.createStaff) return false;
  if (f.remindStaff !== undefined && !e.recipients.includes(f.remindStaff)) return false;
  if (f.wecharId !== undefined && Number(todo.wecharId) !== f.wecharId) return false;
  if (f.wechatNober !== undefined && (todo.ad_wechat_nober ?? todo.wechatNober) !== f.wechatNober) return false;
  if (!within(e.addSec, f.addFromSec, f.addToSec)) return false;
  if (!within(e.remindSec, f.remindFromSec, f.remindToSec)) return false;
  return true;
}

/** Index of the first entry whose id is >= id (entries are ordered by id). */
function lowerBound(entries: readonly RowFacts[], id: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.row.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Rows are kept ordered by id (the order the list endpoint pages over), each with its
 * parsed filter facts. A filter's matching rows are computed once and reused by every
 * page until the table changes, so paging through N rows costs O(N), not O(N × pages),
 * and an insert with a new highest id (every admin or AddRecord insert) is O(1).
 * That is what lets tests and benches run at 100,000 todos.
 */
export class TodoTable {
  private readonly byId = new Map<number, RowFacts>();
  private ordered: RowFacts[] = [];
  private readonly matched = new Map<string, RowFacts[]>();
  /** Rows examined by filters since creation: tests read it to show paging does not rescan. */
  readonly stats = { rowsScanned: 0 };

  replace(rows: readonly WireTodo[]): void {
    this.byId.clear();
    for (const row of rows) this.byId.set(row.id, factsOf(structuredClone(row)));
    this.ordered = [...this.byId.values()].sort((a, b) => a.row.id - b.row.id);
    this.matched.clear();
  }

  nextId(): number {
    return (this.ordered.at(-1)?.row.id ?? 0) + 1;
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** The stored row itself (not a copy): read it, change it only through set(), which re-indexes it. */
  get(id: number): WireTodo | undefined {
    return this.byId.get(id)?.row;
  }

  insert(row: WireTodo): WireTodo {
    if (this.byId.has(row.id)) throw new Error(`todo ${row.id} already exists`);
    this.put(structuredClone(row));
    return structuredClone(row);
  }

  set(row: WireTodo): void {
    this.put(structuredClone(row));
  }

  delete(id: number): boolean {
    if (!this.byId.delete(id)) return false;
    this.ordered.splice(lowerBound(this.ordered, id), 1);
    this.matched.clear();
    return true;
  }

  /** Copies, ordered by id ascending (the order the list endpoint pages over). */
  all(): WireTodo[] {
    return this.ordered.map((e) => structuredClone(e.row));
  }

  /** Copies of the matching rows. */
  query(filter: TodoFilter): WireTodo[] {
    return this.matching(filter).map((e) => structuredClone(e.row));
  }

  count(filter: TodoFilter): number {
    return this.matching(filter).length;
  }

  /**
   * A capping server shrinks the page size itself, so offsets use the capped size
   * too: the client sees short pages and must keep asking until one comes back empty.
   */
  page(filter: TodoFilter, pageIndex: number, pageSize: number, paging: Paging): WireTodo[] {
    const size = paging.cap === null ? pageSize : Math.min(pageSize, paging.cap);
    const index = paging.ignorePageIndex ? 1 : pageIndex;
    const start = (index - 1) * size;
    return this.matching(filter)
      .slice(start, start + size)
      .map((e) => structuredClone(e.row));
  }

  private put(row: WireTodo): void {
    const facts = factsOf(row);
    const last = this.ordered.at(-1);
    if (this.byId.has(row.id)) {
      this.ordered[lowerBound(this.ordered, row.id)] = facts;
    } else if (!last || last.row.id < row.id) {
      this.ordered.push(facts);
    } else {
      this.ordered.splice(lowerBound(this.ordered, row.id), 0, facts);
    }
    this.byId.set(row.id, facts);
    this.matched.clear();
  }

  private matching(filter: TodoFilter): RowFacts[] {
    if (filter.id !== undefined) {
      const e = this.byId.get(filter.id);
      this.stats.rowsScanned += e ? 1 : 0;
      return e && matchesFacts(e, filter) ? [e] : [];
    }
    const key = JSON.stringify(filter);
    let rows = this.matched.get(key);
    if (!rows) {
      this.stats.rowsScanned += this.ordered.length;
      rows = this.ordered.filter((e) => matchesFacts(e, filter));
      // A handful of distinct filters are live at once; more are from a fuzzing test, not a client.
      if (this.matched.size >= 32) this.matched.clear();
      this.matched.set(key, rows);
    }
    return rows;
  }
}
