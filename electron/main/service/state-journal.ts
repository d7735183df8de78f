/**
 * How LocalState writes in proportion to the change, on a store with a journal
 * (store/file-store.ts): the document holds settings and marks as of the last compaction,
 * the journal (store/journal.ts) the batches since, the list file the cached lists.
 *
 * - A write appends one batch with the keys changed since the last write (state-entries.ts)
 *   and fdatasyncs it: its cost is what changed, never the list size. A 'now' write is
 *   on disk when the call returns, like the whole document was.
 * - The cached list is written, to its own file, only when a sync changed it.
 * - Compaction (the journal grew past four times the document, a day passed, settings changed,
 *   the state was migrated, or the app closes) prunes, writes the list if changed, writes the
 *   document with `journalSeq` = the last batch it contains, then empties the journal. A
 *   crash between the last two steps leaves batches the document already holds: replay
 *   skips them by `q`, so nothing is applied twice or lost.
 * - Every write runs under the store's cross-process lock after reading what others
 *   appended; their batches merge per key (marks by stamp), so other processes (the CLI,
 *   a second host) see and keep each other's entries. When another process compacted (the
 *   document changed), LocalState merges the whole document as before.
 */
import type { Todo } from '../../../shared/todo';
import type { StateDoc } from './state-schema';
import { LISTS_VERSION, loadTodoLists } from './state-schema';
import type { JournalPort, KeyValueStore, SideDocPort } from './ports';
import { StateFileError } from '../store/state-file-error';
import { applyEntry, asBatch, entriesOf, noteChange, type Changes } from '../store/state-entries';

export type JournaledStore = KeyValueStore & { journal: JournalPort; lists: SideDocPort };

export const isJournaled = (store: KeyValueStore): store is JournaledStore =>
  store.journal !== undefined && store.lists !== undefined;

/** Below this the journal is never compacted for its size (the document may be tiny). */
const MIN_COMPACT_BYTES = 256 * 1024;
/**
 * Compact once the journal is this many times the document: the document's rewrites then
 * cost at most a quarter of the appends, so bytes stay proportional to the changes.
 */
const COMPACT_RATIO = 4;
/** A journal that is not empty is compacted at least this often (pruning rides along). */
const COMPACT_EVERY_MS = 24 * 3600_000;
/**
 * Reminder bookkeeping alone is fdatasynced at most this often. Each append survives the
 * process being killed at once (it is in the page cache), and the system writes it back
 * by itself within seconds (Windows) to 30 s (Linux's default expiry); this sync bounds
 * only the worst case, a power cut with writeback held back, which then repeats those
 * reminders and never loses one. A sync costs more CPU than a day of appends between
 * syncs (a quarter of bench:reminders' persistence at one a minute). User actions are
 * always synced before the call returns.
 */
const SYNC_EVERY_MS = 5 * 60_000;
/** Records whose batch is synced before the write returns: the user's own actions. */
const USER_RECORDS = new Set(['done', 'snoozes', 'pausedUntil']);

export class StateJournal {
  /** Keys changed since the last write. */
  private changes: Changes = new Map();
  private listsDirty = false;
  /** The next write compacts (settings changed, migrated, no document yet, …). */
  compactPending = false;
  /** What this process has read of the journal: its identity and the offset read to. */
  private at: { id: string | null; end: number } = { id: null, end: 0 };
  /** The highest batch number in the document or the journal. */
  private seq = 0;
  /** Damaged lines in the current journal: it is kept aside when next emptied. */
  private damaged = 0;
  private docBytes = 0;
  private lastCompactAt: number;
  private lastSyncAt = -Infinity;
  /** This process appended since it opened (then closing compacts). */
  private appended = false;
  /**
   * The last stat found the journal exactly as this process read it (under the lock before
   * a write, nobody can change that): the append then needs no look of its own.
   */
  private seenAsRead = false;

  constructor(
    private readonly store: JournaledStore,
    private readonly log: (line: string) => void,
    private readonly now: () => number,
  ) {
    this.lastCompactAt = now();
  }

  // ---- changes -----------------------------------------------------------------------

  changed(scope: string | null, record: string, key: string): void {
    if (record === 'todos') this.listsDirty = true;
    else noteChange(this.changes, scope, record, key);
  }

  pausedPending(): boolean {
    return this.changes.get(null)?.has('pausedUntil') ?? false;
  }

  pending(): boolean {
    return this.compactPending || this.listsDirty || this.changes.size > 0;
  }

  /**
   * Whether another process appended or compacted since this one last read (one stat).
   * With `hinted`, the stat is skipped while the journal's watch saw no write at all
   * (before reminders; under the lock a write always stats, since it appends after).
   */
  changedOnDisk(hinted = false): boolean {
    this.seenAsRead = false;
    if (hinted && !this.store.journal.mayHaveChanged()) return false;
    const st = this.store.journal.stat();
    if (st === null) return this.at.id !== null;
    const changed = st.id !== this.at.id || st.size !== this.at.end;
    this.seenAsRead = !changed;
    return changed;
  }

  /**
   * Whether closing should compact: this process appended to the journal. A process that
   * only read (`cli list` with nothing new) leaves the document to the writers.
   */
  compactOnClose(): boolean {
    return this.appended && this.at.end > 0;
  }

  // ---- reading -----------------------------------------------------------------------

  /**
   * Completes the document read at start: the cached lists from their file (an old
   * document's inline list wins and is moved out at the next write), then the journal's
   * batches the document does not contain. Returns the entries dropped as malformed.
   */
  load(doc: StateDoc): number {
    const dropped = this.attachLists(doc);
    return dropped + this.replay(doc);
  }

  /**
   * Another process compacted: replays the journal onto its document (`theirs`, which the
   * caller then merges into the live state) and reads on from there.
   */
  reload(theirs: StateDoc): number {
    this.docBytes = this.store.size?.() ?? 0;
    return this.replay(theirs);
  }

  /** One scope's cached list from the list file (for a scope another process created). */
  listOf(name: string): Todo[] | undefined {
    try {
      return loadTodoLists(this.store.lists.read()).lists[name];
    } catch {
      return undefined;
    }
  }

  private replay(doc: StateDoc): number {
    this.seenAsRead = false;
    let dropped = 0;
    const before = this.store.journal.stat();
    const r = this.store.journal.read(0);
    this.at = { id: before?.id ?? null, end: r.end };
    this.seq = Math.max(this.seq, doc.journalSeq);
    this.damaged = r.corrupt;
    if (r.corrupt > 0) this.log(`state: skipped ${r.corrupt} damaged journal lines (kept aside at the next compaction)`);
    if (r.torn) this.log('state: ignored an unfinished last journal line (a write cut short, never confirmed)');
    const nowIso = new Date(this.now()).toISOString();
    for (const raw of r.batches) {
      const batch = asBatch(raw);
      if (!batch) {
        dropped++;
        continue;
      }
      this.seq = Math.max(this.seq, batch.q);
      if (batch.q <= doc.journalSeq) continue;
      for (const e of batch.e) if (applyEntry(doc, e, { mode: 'replay', nowIso }) === 'bad') dropped++;
    }
    if (r.end > this.compactAt()) this.compactPending = true;
    return dropped;
  }

  private attachLists(doc: StateDoc): number {
    this.docBytes = this.store.size?.() ?? 0;
    if (this.docBytes === 0) this.compactPending = true;
    let raw: unknown;
    try {
      raw = this.store.lists.read();
    } catch (e) {
      // Only a cache: said once, and the next sync fills it again.
      this.log(`state: ${e instanceof StateFileError ? e.message : String(e)}`);
      raw = undefined;
    }
    const { lists, dropped } = loadTodoLists(raw);
    for (const [name, s] of Object.entries(doc.scopes)) {
      if (s.todos.length > 0) {
        // A document from before the list had its own file: move the list out.
        this.listsDirty = true;
        this.compactPending = true;
      } else if (lists[name]) s.todos = lists[name];
    }
    return dropped;
  }

  /**
   * Applies what other processes appended since this process last read, onto `doc` (the
   * live state). Returns how many entries changed the scope `active` or the document, or
   * null when the journal was replaced (then the caller merges the whole document).
   */
  mergeTail(doc: StateDoc, active: string, revisionNow: () => string | null, revision: string | null): number | null {
    this.seenAsRead = false;
    const st = this.store.journal.stat();
    if (st === null) return this.at.id === null ? 0 : null;
    if (st.id !== this.at.id || st.size < this.at.end) return null;
    if (st.size === this.at.end) return 0;
    const r = this.store.journal.read(this.at.end);
    // Read outside the lock, a compaction may have replaced both files meanwhile.
    if (revisionNow() !== revision) return null;
    const nowIso = new Date(this.now()).toISOString();
    let changed = 0;
    if (r.corrupt > 0) {
      this.damaged += r.corrupt;
      this.log(`state: skipped ${r.corrupt} damaged journal lines`);
    }
    for (const raw of r.batches) {
      const batch = asBatch(raw);
      if (!batch || batch.q <= this.seq) continue;
      this.seq = batch.q;
      const pausedPending = this.pausedPending();
      for (const e of batch.e) {
        const res = applyEntry(doc, e, { mode: 'merge', nowIso, pausedPending });
        if (res === true && (e[0] === active || e[0] === null)) changed++;
      }
    }
    this.at.end = r.end;
    return changed;
  }

  // ---- writing (under the store's lock, after merging) -------------------------------

  private compactAt(): number {
    return Math.max(MIN_COMPACT_BYTES, COMPACT_RATIO * this.docBytes);
  }

  /** Writes what changed: one appended batch, or a compaction. True when it compacted. */
  write(doc: StateDoc, prune: () => void): boolean {
    const now = this.now();
    const overdue = this.at.end > 0 && now - this.lastCompactAt > COMPACT_EVERY_MS;
    if (this.compactPending || overdue || this.at.end > this.compactAt()) {
      this.compact(doc, prune);
      return true;
    }
    if (this.listsDirty) this.writeLists(doc);
    const entries = entriesOf(doc, this.changes);
    if (entries.length === 0) {
      this.changes = new Map();
      return false;
    }
    const sync = now - this.lastSyncAt >= SYNC_EVERY_MS || entries.some((e) => USER_RECORDS.has(e[1]));
    this.seq++;
    const line = `${JSON.stringify({ q: this.seq, e: entries })}\n`;
    const end = this.store.journal.append(line, this.at.end, sync, this.at.id, this.seenAsRead);
    this.seenAsRead = false;
    // Only now: a failed append (disk full) keeps the changes for the retry.
    this.changes = new Map();
    this.appended = true;
    if (sync) this.lastSyncAt = now;
    if (this.at.id === null) this.at.id = this.store.journal.stat()?.id ?? null;
    this.at.end = end;
    return false;
  }

  private compact(doc: StateDoc, prune: () => void): void {
    prune();
    if (this.listsDirty || this.store.size?.() === null) this.writeLists(doc);
    const scopes: Record<string, unknown> = {};
    // The list lives in its own file: the document keeps everything but it.
    for (const [name, s] of Object.entries(doc.scopes)) scopes[name] = { ...s, todos: undefined };
    this.store.write({ ...doc, scopes, journalSeq: this.seq });
    this.docBytes = this.store.size?.() ?? 0;
    const kept = this.store.journal.reset(this.damaged > 0);
    if (kept) this.log(`state: the journal had damaged lines; kept as ${kept}`);
    this.damaged = 0;
    this.changes = new Map();
    this.compactPending = false;
    this.lastCompactAt = this.now();
    this.lastSyncAt = this.lastCompactAt;
    this.appended = false;
    const st = this.store.journal.stat();
    this.at = { id: st?.id ?? null, end: st?.size ?? 0 };
    this.log(`state: compacted into ${this.docBytes} bytes`);
  }

  private writeLists(doc: StateDoc): void {
    const scopes: Record<string, unknown> = {};
    for (const [name, s] of Object.entries(doc.scopes)) scopes[name] = s.todos;
    this.store.lists.write({ version: LISTS_VERSION, scopes });
    this.listsDirty = false;
  }
}
