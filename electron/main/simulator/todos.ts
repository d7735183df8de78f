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
  if (f.id !== undefined && todo.id !== f.id) return false;
  if (f.usersate !== -1 && todo.sate !== f.usersate) return false;
  if (f.createStaff !== undefined && todo.sffId !== f.createStaff) return false;
  if (f.remindStaff !== undefined && !recipientsOf(todo).includes(f.remindStaff)) return false;
  if (f.wecharId !== undefined && Number(todo.wecharId) !== f.wecharId) return false;
  if (f.wechatNober !== undefined && (todo.ad_wechat_nober ?? todo.wechatNober) !== f.wechatNober) return false;
  if (!within(seconds(todo.addTime), f.addFromSec, f.addToSec)) return false;
  if (!within(seconds(todo.remindTime), f.remindFromSec, f.remindToSec)) return false;
  return true;
}

export class TodoTable {
  private readonly rows = new Map<number, WireTodo>();

  replace(rows: readonly WireTodo[]): void {
    this.sorted = null;
    this.rows.clear();
    for (const row of rows) this.rows.set(row.id, structuredClone(row));
  }

  nextId(): number {
    let max = 0;
    for (const id of this.rows.keys()) max = Math.max(max, id);
    return max + 1;
  }

  has(id: number): boolean {
    return this.rows.has(id);
  }

  /** The stored row itself (not a copy); callers inside the simulator mutate through it. */
  get(id: number): WireTodo | undefined {
    return this.rows.get(id);
  }

  insert(row: WireTodo): WireTodo {
    if (this.rows.has(row.id)) throw new Error(`todo ${row.id} already exists`);
    this.sorted = null;
    this.rows.set(row.id, structuredClone(row));
    return structuredClone(row);
  }

  set(row: WireTodo): void {
    this.sorted = null;
    this.rows.set(row.id, structuredClone(row));
  }

  delete(id: number): boolean {
    this.sorted = null;
    return this.rows.delete(id);
  }

  /** Copies, ordered by id ascending (the order the list endpoint pages over). */
  all(): WireTodo[] {
    return this.ordered().map((r) => structuredClone(r));
  }

  /** Copies of the matching rows. */
  query(filter: TodoFilter): WireTodo[] {
    return this.matching(filter).map((r) => structuredClone(r));
  }

  count(filter: TodoFilter): number {
    return this.matching(filter).length;
  }

  // A 10,000-row table is paged 100 rows at a time: sort once per change and copy only
  // what a response sends, or the simulator, not the client, dominates sync benchmarks.
  private sorted: WireTodo[] | null = null;

  private ordered(): WireTodo[] {
    this.sorted ??= [...this.rows.values()].sort((a, b) => a.id - b.id);
    return this.sorted;
  }

  private matching(filter: TodoFilter): WireTodo[] {
    return this.ordered().filter((t) => matches(t, filter));
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
      .map((r) => structuredClone(r));
  }
}
