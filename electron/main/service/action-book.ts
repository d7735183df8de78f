/**
 * What the user did to todos on this machine, beyond the done marks the service keeps:
 * hand-offs ("转交给 张三"), follow-ups and new todos, and the done marks themselves with
 * the title they had, so the 已完成 history can list them for 30 days after the todo left
 * the list. Also the todos just created that the next sync has not brought back yet.
 *
 * Its own small file next to the state file: the CLI and the window may both write it, so
 * every write re-reads the file and merges by entry key before replacing it atomically.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HistoryEntry, PendingTodo } from '../../../shared/contract/types';

export const HISTORY_DAYS = 30;
const DAY_MS = 24 * 3600_000;
/** A created todo the sync has not shown within this long is dropped from the pending list. */
const PENDING_MAX_MS = DAY_MS;

interface BookScope {
  history: HistoryEntry[];
  pending: PendingTodo[];
}

interface BookFile {
  version: 1;
  scopes: Record<string, BookScope>;
}

function read(file: string | null): BookFile {
  const empty: BookFile = { version: 1, scopes: {} };
  if (!file) return empty;
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as BookFile;
    return doc?.version === 1 && typeof doc.scopes === 'object' && doc.scopes !== null ? doc : empty;
  } catch {
    return empty;
  }
}

function mergeBy<T>(ours: readonly T[], theirs: readonly T[], key: (t: T) => string): T[] {
  const out = new Map<string, T>();
  for (const t of theirs) out.set(key(t), t);
  for (const t of ours) out.set(key(t), t);
  return [...out.values()];
}

export class ActionBook {
  private doc: BookFile;
  private scope = '';

  constructor(
    private readonly file: string | null,
    private readonly now: () => number,
  ) {
    this.doc = read(file);
  }

  useScope(scope: string): void {
    this.scope = scope;
  }

  private current(): BookScope {
    return (this.doc.scopes[this.scope] ??= { history: [], pending: [] });
  }

  /** Newest first, the last 30 days only. */
  history(): HistoryEntry[] {
    this.refresh();
    const from = this.now() - HISTORY_DAYS * DAY_MS;
    return this.current()
      .history.filter((e) => Date.parse(e.at) >= from)
      .sort((a, b) => b.at.localeCompare(a.at));
  }

  pending(): PendingTodo[] {
    return [...this.current().pending];
  }

  /** The latest hand-off per todo that has not been taken back: the done group's "转交给 张三". */
  handoffs(): Record<number, { code: string; name: string | null }> {
    const out: Record<number, { code: string; name: string | null }> = {};
    const sorted = [...this.current().history].sort((a, b) => a.at.localeCompare(b.at));
    for (const e of sorted) if (e.kind === 'handoff' && e.to && e.undoable) out[e.todoId] = e.to;
    return out;
  }

  record(entry: Omit<HistoryEntry, 'key' | 'at'>, pending?: PendingTodo): HistoryEntry {
    const at = new Date(this.now()).toISOString();
    const full: HistoryEntry = { ...entry, at, key: `${entry.kind}:${entry.todoId}:${at}:${Math.random().toString(36).slice(2, 8)}` };
    this.update((s) => {
      s.history.push(full);
      if (pending) s.pending.push(pending);
    });
    return full;
  }

  /** After an undo of a done mark: the history entries for these todos can no longer be undone. */
  undone(todoIds: readonly number[]): void {
    const ids = new Set(todoIds);
    this.update((s) => {
      s.history = s.history.map((e) => (ids.has(e.todoId) && (e.kind === 'done' || e.kind === 'handoff') && e.undoable ? { ...e, undoable: false, note: e.note ?? null } : e));
    });
  }

  /** Drops the pending todos the sync now shows (by the id AddRecordNew returned) and stale ones. */
  reconcile(seenIds: ReadonlySet<number>): boolean {
    const s = this.current();
    const cutoff = this.now() - PENDING_MAX_MS;
    const keep = s.pending.filter((p) => !seenIds.has(p.id) && Date.parse(p.createdAt) >= cutoff);
    if (keep.length === s.pending.length) return false;
    this.update((x) => {
      x.pending = x.pending.filter((p) => keep.some((k) => k.id === p.id));
    });
    return true;
  }

  private refresh(): void {
    if (!this.file) return;
    const disk = read(this.file).scopes[this.scope];
    if (!disk) return;
    const s = this.current();
    s.history = mergeBy(s.history, disk.history, (e) => e.key);
  }

  private update(change: (s: BookScope) => void): void {
    // Someone else (the CLI) may have written since: start from the file, then apply.
    const disk = read(this.file);
    const mine = this.current();
    const theirs = disk.scopes[this.scope] ?? { history: [], pending: [] };
    const merged: BookScope = {
      history: mergeBy(mine.history, theirs.history, (e) => e.key),
      pending: mergeBy(mine.pending, theirs.pending, (p) => String(p.id)),
    };
    change(merged);
    const cutoff = this.now() - HISTORY_DAYS * DAY_MS;
    merged.history = merged.history.filter((e) => Date.parse(e.at) >= cutoff);
    this.doc = { version: 1, scopes: { ...disk.scopes, ...this.doc.scopes, [this.scope]: merged } };
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.doc));
    renameSync(tmp, this.file);
  }
}
