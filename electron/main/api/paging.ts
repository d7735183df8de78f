/**
 * All pages of GetChargeDaffairesList. The server's paging is not trusted: it may cap
 * pageSize (a page of 20 when 100 were asked is then not the last one), ignore pageIndex
 * (every page is page 1), or shift while we read. Paging ends on an empty page, on a page
 * with no new ids, or once the count is reached; a hard page cap bounds the rest.
 * Items are de-duplicated by id, the last copy winning.
 */
import type { Todo } from '../../../shared/todo';
import { BadResponseError, YoumiError } from './errors';
import type { ItemMemo } from './item-memo';
import { parseTodoPage, type ParsedPage } from './parse';
import type { ListResult } from './types';

export const MAX_PAGES = 10_000;

/**
 * A list beyond the ceiling (todos or pages per sync) is refused whole: the sync keeps
 * the previous list and says why, instead of growing without bound on a server that never
 * stops paging.
 */
export class ListTooLargeError extends BadResponseError {}
const COUNT_AFTER_FULL_PAGES = 10;

export interface PagingOptions {
  pageSize: number;
  /** `values` of one page (pageIndex is 1-based). */
  fetchPage(pageIndex: number, pageSize: number): Promise<unknown>;
  /** GetChargeDaffairesCount for the same filter. */
  count(): Promise<number>;
  log: (line: string) => void;
  /** Ceiling on todos (and unreadable items) in one list. Default 20,000. */
  maxTodos?: number;
  /** Ceiling on pages in one list. Default 2,000. */
  maxPages?: number;
  /** The last listing of the same list: unchanged items are not parsed again (item-memo.ts). */
  memo?: ItemMemo;
}

/**
 * The pages read so far, to tell a page that repeats an earlier one (a server that ignores
 * pageIndex). A page is kept as what was read from it (its todos, which the list holds
 * anyway, and its few unreadable items), not as its items: those can then be collected
 * as soon as the page is read (the poll's own list keeps them, as its last answers, to
 * reuse them next time: last-answer.ts). Compared only when a page brings nothing new.
 */
class EarlierPages {
  private readonly pages: ParsedPage[] = [];

  add(page: ParsedPage): void {
    this.pages.push(page);
  }

  repeats(page: ParsedPage): boolean {
    return this.pages.some((p) => samePage(p, page));
  }
}

function samePage(a: ParsedPage, b: ParsedPage): boolean {
  if (a.received !== b.received || a.todos.length !== b.todos.length || a.unread.length !== b.unread.length) return false;
  return JSON.stringify(a.unread) === JSON.stringify(b.unread) && a.todos.every((t, i) => t === b.todos[i] || JSON.stringify(t) === JSON.stringify(b.todos[i]));
}

function asItems(values: unknown, pageIndex: number): unknown[] {
  if (Array.isArray(values)) return values;
  // Some servers say "no rows" with null rather than [].
  if (values === null || values === undefined) return [];
  throw new BadResponseError(`GetChargeDaffairesList page ${pageIndex}: values is not a list`);
}

export async function fetchAllPages(opts: PagingOptions): Promise<ListResult> {
  const byId = new Map<number, Todo>();
  let skipped = 0;
  let pages = 0;
  let pageCap = MAX_PAGES;
  let total: number | null | undefined;

  async function knownTotal(): Promise<number | null> {
    if (total !== undefined) return total;
    try {
      total = await opts.count();
    } catch (e) {
      // Without a count, paging still ends on an empty page or a repeated one.
      if (!(e instanceof YoumiError) || e.kind === 'auth' || e.kind === 'config') throw e;
      opts.log(`todo count unavailable (${e.message}); paging until an empty page`);
      total = null;
    }
    return total;
  }
  const reached = (t: number | null): boolean => t !== null && byId.size + skipped >= t;

  const earlier = new EarlierPages();
  const pass = opts.memo?.begin();
  let incomplete = false;
  const maxTodos = opts.maxTodos ?? 20_000;
  const maxPages = opts.maxPages ?? 2_000;
  for (let pageIndex = 1; ; pageIndex++) {
    if (byId.size + skipped > maxTodos) {
      throw new ListTooLargeError(`list too large: more than ${maxTodos} todos (the previous list is kept)`);
    }
    if (pages >= maxPages) {
      throw new ListTooLargeError(`list too large: more than ${maxPages} pages (the previous list is kept)`);
    }
    if (pages >= pageCap) {
      opts.log(`stopped paging after ${pages} pages (page cap)`);
      incomplete = true;
      break;
    }
    const items = asItems(await opts.fetchPage(pageIndex, opts.pageSize), pageIndex);
    pages++;
    if (items.length === 0) break;
    const lines: string[] = [];
    const page = parseTodoPage(items, (line) => lines.push(line), pass?.page(pageIndex));
    // A page identical to an earlier one ends paging even when it holds only bad items.
    // Only a page with nothing new can be one, so only such a page is compared; and a
    // page whose first todo is new (nearly every page) is added in one pass.
    let fresh = 0;
    let repeated = false;
    const first = page.todos[0];
    if (first && !byId.has(first.id)) {
      const had = byId.size;
      for (const todo of page.todos) byId.set(todo.id, todo);
      fresh = byId.size - had;
    } else {
      for (const todo of page.todos) if (!byId.has(todo.id)) fresh++;
      repeated = fresh === 0 && earlier.repeats(page);
      if (!repeated) for (const todo of page.todos) byId.set(todo.id, todo);
    }
    earlier.add(page);
    if (!repeated) {
      for (const line of lines) opts.log(line);
      skipped += page.skipped;
    }
    if (repeated || (fresh === 0 && page.todos.length > 0)) {
      const t = await knownTotal();
      if (t !== null && !reached(t)) {
        opts.log(`page ${pageIndex} repeated earlier todos (the server ignores pageIndex?); stopping with ${byId.size} of ${t}`);
        incomplete = true;
      }
      break;
    }
    if (page.received >= opts.pageSize) {
      // Many full pages: let the count bound the rest, in case the server never runs out.
      if (pages === COUNT_AFTER_FULL_PAGES) {
        const t = await knownTotal();
        if (t !== null) pageCap = Math.min(pageCap, Math.ceil(t / opts.pageSize) + 2);
      }
      continue;
    }
    // A short page: the last one, unless the server caps pageSize below what was asked.
    const t = await knownTotal();
    if (t === null) continue;
    if (reached(t)) break;
    pageCap = Math.min(pageCap, Math.max(pages + 1, Math.ceil(t / page.received) + 2));
  }
  if (byId.size + skipped > maxTodos) {
    throw new ListTooLargeError(`list too large: more than ${maxTodos} todos (the previous list is kept)`);
  }
  if (pass) opts.memo!.commit(pass);
  return { todos: [...byId.values()], skipped, pages, ...(incomplete ? { incomplete } : {}) };
}
