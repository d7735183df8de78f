/**
 * Owns the state document in memory and decides when it reaches the disk.
 *
 * Write policy (why each):
 * - 'now'  — user actions (done, undo, snooze, pause, settings): written before the call
 *   returns, so a crash right after "done" never loses the mark.
 * - 'soon' — reminder bookkeeping (fired/delivered): written at once when the last write
 *   is older than the coalescing window (the usual case: reminders are minutes apart),
 *   otherwise at the end of the window. The window is max(1 s, 50 × the last write's
 *   duration, at most 10 s), which keeps disk time near 2% even when thousands of
 *   reminders fire per hour. With a journal it is 10 s: an append's cost does not grow
 *   with what it holds, so fewer appends is what saves (state-journal.ts also says when
 *   such a batch is fdatasynced).
 * - 'soft' — facts that change on every poll but matter little (the time of the last
 *   successful poll): they ride along with the next real write or `close()`, so an idle
 *   poll writes nothing.
 *
 * On a store with a journal (the file store) a write appends only the keys that changed
 * and the cached list has its own file, written only when a sync changed it; the document
 * is rewritten only to compact (service/state-journal.ts). The memory store has none: there
 * every write is the whole document.
 *
 * Other processes (the CLI's `done`/`snooze`, a browser host) may write the same file.
 * Every write is a read-merge-write under the store's cross-process lock
 * (`KeyValueStore.exclusive`), so no writer replaces a file it has not merged. Before
 * every write and before reminders are delivered, the file's revision is compared with
 * the one we last saw; if it changed, the other copy is merged in:
 * - done marks and snoozes per key by their change stamps (store/mark-stamps.ts, stamped
 *   by the marks module when made): the later change wins, an undo is a stamped removal,
 *   and a mark missing from a stale copy is "not seen", never a deletion;
 * - settings and pause three-way against what we last saw;
 * - fired/delivered records are unioned so neither side repeats the other's reminders.
 * With a journal, what another process appended is read from where this one stopped and
 * merged entry by entry by the same rules; the whole document only after a compaction.
 */
import type { AppError } from '../../../shared/errors';
import { StateFileError, StateWriteError } from '../store/state-file-error';
import { Marks, pruneScope } from './marks';
import { StateJournal, isJournaled } from './state-journal';
import {
  emptyDoc,
  emptyScope,
  loadStateDoc,
  type ScopeState,
  type StateDoc,
} from './state-schema';
import { mergeMarks } from '../store/mark-stamps';
import { mergeRecord } from '../store/state-entries';
import type { Clock, KeyValueStore, TimerHandle } from './ports';

export type WritePriority = 'now' | 'soon' | 'soft';

export interface StorageStatus {
  path: string;
  /** Where an unusable state file was moved at start (kept), or null. */
  movedTo: string | null;
  /** Why the previous state could not be used, or null. */
  problem: AppError | null;
  /** Schema version migrated from at start, or null. */
  migratedFrom: number | null;
  /** Malformed entries dropped at start. */
  dropped: number;
  lastWriteError: AppError | null;
  writes: number;
  /** External changes (another process) merged. */
  merges: number;
}

export interface LocalStateOptions {
  store: KeyValueStore;
  clock: Clock;
  scope: string;
  log?: (line: string) => void;
  /** Minimum coalescing window for 'soon' writes. Default 1000 ms. */
  coalesceMs?: number;
}

const SCOPE_TTL_MS = 90 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;
const RETRY_AFTER_FAILURE_MS = 30_000;
/** However slow the disk, a delivered reminder is on disk within this. */
const MAX_WINDOW_MS = 10_000;

/** Settings and pause as last written or merged: what differs now is this process's change. */
interface UserParts {
  settings: string;
  pausedUntil: string | null;
}

const jsonMap = (r: Record<string, unknown>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) out[k] = JSON.stringify(v);
  return out;
};

export class LocalState {
  readonly storage: StorageStatus;
  private doc: StateDoc;
  private active: string;
  private dirty = false;
  private softDirty = false;
  private lastWriteAt = -Infinity;
  private windowMs: number;
  private flushTimer: TimerHandle | null = null;
  private lastPruneAt = -Infinity;
  private revision: string | null = null;
  private base: UserParts;
  private closed = false;
  private readOnly = false;
  private readonly log: (line: string) => void;
  private readonly coalesceMs: number;
  private marksOf: { scope: ScopeState; marks: Marks } | null = null;
  /** Set when the store has a journal: then writes are appended batches. */
  private readonly journal: StateJournal | null;
  /** The document changed while it was read at start: merge it whole at the next chance. */
  private fullMergeDue = false;

  static open(options: LocalStateOptions): LocalState {
    return new LocalState(options);
  }

  private constructor(private readonly o: LocalStateOptions) {
    this.log = o.log ?? (() => {});
    this.coalesceMs = o.coalesceMs ?? 1000;
    this.windowMs = this.coalesceMs;
    this.storage = {
      path: o.store.path,
      movedTo: null,
      problem: null,
      migratedFrom: null,
      dropped: 0,
      lastWriteError: null,
      writes: 0,
      merges: 0,
    };
    const nowIso = new Date(o.clock.now()).toISOString();
    // The revision before the read: a write by another process in between is then seen
    // as a change and merged, never mistaken for what we read.
    const revisionRead = o.store.revision?.() ?? null;
    let raw: unknown;
    try {
      raw = o.store.read();
    } catch (e) {
      raw = undefined;
      this.reportProblem(e instanceof StateFileError ? e.movedTo : null, errorDetail(e));
    }
    const loaded = loadStateDoc(raw, nowIso);
    if (loaded.ok) {
      this.doc = loaded.doc;
      if (loaded.report.migrated) {
        this.storage.migratedFrom = loaded.report.fromVersion;
        this.dirty = true;
        this.log(`state: migrated from version ${loaded.report.fromVersion}`);
      }
      if (loaded.report.dropped > 0) {
        this.storage.dropped = loaded.report.dropped;
        this.dirty = true;
        this.log(`state: dropped ${loaded.report.dropped} malformed entries`);
      }
    } else {
      let movedTo: string | null = null;
      try {
        movedTo = o.store.quarantine(loaded.reason);
      } catch (e) {
        this.log(`state: could not move the unusable state file aside: ${errorDetail(e)}`);
      }
      this.reportProblem(movedTo, loaded.reason);
      this.doc = emptyDoc();
    }
    this.journal = isJournaled(o.store) ? new StateJournal(o.store, this.log, () => o.clock.now()) : null;
    if (this.journal) {
      const dropped = this.journal.load(this.doc);
      if (dropped > 0) {
        this.storage.dropped += dropped;
        this.log(`state: dropped ${dropped} malformed journal entries`);
      }
      // A migration, dropped entries or a problem: the next write is a whole document.
      if (this.dirty || this.storage.problem) this.journal.compactPending = true;
    }
    this.revision = o.store.revision?.() ?? null;
    // Another process compacted while we read: our journal position may be past batches
    // the document we read lacks, so the one-stat check alone would never look again.
    if (this.journal && !this.storage.problem && this.revision !== revisionRead) this.fullMergeDue = true;
    const unusableKept = this.storage.problem && this.storage.movedTo === null && this.revision !== null;
    if (!this.storage.problem) this.revision = revisionRead;
    if (unusableKept) {
      // The unusable file is still in place and could not be moved: never overwrite it.
      this.readOnly = true;
      this.log('state: running without saving, so the unusable state file stays intact');
    }
    this.active = o.scope;
    this.ensureScope(o.scope);
    this.base = this.userParts();
  }

  private reportProblem(movedTo: string | null, detail: string): void {
    this.storage.movedTo = movedTo;
    this.storage.problem = { kind: 'storage', detail };
    this.log(`state: ${detail}${movedTo ? `; kept as ${movedTo}` : ''}; starting clean`);
  }

  // ---- reading -------------------------------------------------------------------

  /** The active scope's records; after changing them call `touch`. */
  marks(): Marks {
    // One Marks per scope object: the scheduler asks for every todo's inputs on a rebuild.
    const scope = this.doc.scopes[this.active]!;
    if (this.marksOf?.scope !== scope) {
      const name = this.active;
      const hooks = {
        now: () => this.o.clock.now(),
        changed: (record: string, key: string) => this.journal?.changed(name, record, key),
      };
      this.marksOf = { scope, marks: new Marks(scope, this.log, hooks) };
    }
    return this.marksOf.marks;
  }

  getSettings(): Record<string, unknown> {
    return structuredClone(this.doc.settings);
  }

  pausedUntil(): number | null {
    const p = this.doc.pausedUntil;
    return p === null ? null : Date.parse(p);
  }

  // ---- writing -------------------------------------------------------------------

  setSettings(settings: Record<string, unknown>): void {
    this.doc.settings = structuredClone(settings);
    // Settings are rare and read by hand: they rewrite the document, never the journal.
    if (this.journal) this.journal.compactPending = true;
    this.touch('now');
  }

  setPausedUntil(t: number | null): void {
    this.doc.pausedUntil = t === null ? null : new Date(t).toISOString();
    this.journal?.changed(null, 'pausedUntil', '');
    this.touch('now');
  }

  useScope(name: string): void {
    if (name === this.active) return;
    this.ensureScope(name);
    this.active = name;
    this.journal?.changed(name, 'usedAt', '');
    this.touch('soon');
  }

  private ensureScope(name: string): void {
    const nowIso = new Date(this.o.clock.now()).toISOString();
    const existing = this.doc.scopes[name];
    if (existing) existing.usedAt = nowIso;
    else this.doc.scopes[name] = emptyScope(nowIso);
  }

  /** Marks the document changed. 'now' writes before returning and throws StateWriteError. */
  touch(priority: WritePriority): void {
    if (this.closed) return;
    if (priority === 'soft') {
      this.softDirty = true;
      return;
    }
    this.dirty = true;
    const now = this.o.clock.now();
    if (priority === 'now' || now - this.lastWriteAt >= this.windowMs) {
      this.flush(priority === 'now');
      return;
    }
    this.flushTimer ??= this.o.clock.setTimer(
      () => {
        this.flushTimer = null;
        this.flush(false);
      },
      this.lastWriteAt + this.windowMs - now,
    );
  }

  /** Writes if anything changed. With `strict`, a failed write throws StateWriteError. */
  flush(strict = true): void {
    if (this.flushTimer) {
      this.o.clock.clearTimer(this.flushTimer);
      this.flushTimer = null;
    }
    if (!this.dirty && !this.softDirty && !this.journal?.pending()) return;
    if (this.readOnly) {
      this.storage.lastWriteError = { kind: 'storage', detail: 'not saved: the unusable state file could not be moved aside' };
      if (strict) throw new StateWriteError(this.storage.lastWriteError.detail);
      return;
    }
    const started = performance.now();
    try {
      const store = this.o.store;
      const mergeAndWrite = () => {
        this.mergeExternal();
        if (this.journal) {
          // An append leaves the document as it was: its revision only moves on compaction.
          if (this.journal.write(this.doc, () => this.prune())) this.revision = store.revision?.() ?? null;
        } else {
          this.maybePrune();
          store.write(this.doc);
          // Inside the lock: the revision is ours, not a later writer's.
          this.revision = store.revision?.() ?? null;
        }
      };
      if (store.exclusive) store.exclusive(mergeAndWrite);
      else mergeAndWrite();
    } catch (e) {
      const error: AppError = { kind: 'storage', detail: `could not save the state: ${errorDetail(e)}` };
      this.storage.lastWriteError = error;
      this.log(`state: ${error.detail}`);
      if (!this.closed) {
        this.flushTimer = this.o.clock.setTimer(() => {
          this.flushTimer = null;
          this.flush(false);
        }, Math.max(this.windowMs, RETRY_AFTER_FAILURE_MS));
      }
      if (strict) throw new StateWriteError(error.detail);
      return;
    }
    const took = performance.now() - started;
    // An appended batch costs the same whatever it holds: what counts is how many there
    // are, so reminder bookkeeping is batched over the longest window.
    this.windowMs = this.journal
      ? Math.max(this.coalesceMs, MAX_WINDOW_MS)
      : Math.min(MAX_WINDOW_MS, Math.max(this.coalesceMs, Math.round(50 * took)));
    this.storage.writes++;
    this.storage.lastWriteError = null;
    this.dirty = false;
    this.softDirty = false;
    this.lastWriteAt = this.o.clock.now();
    this.base = this.userParts();
  }

  /** Flushes and stops timers; further touches are ignored. */
  close(): void {
    try {
      // Closing folds the journal into the document, so the next start reads one file.
      if (this.journal?.compactOnClose()) this.journal.compactPending = true;
      this.flush(false);
    } finally {
      this.closed = true;
      if (this.flushTimer) this.o.clock.clearTimer(this.flushTimer);
      this.flushTimer = null;
      if (this.journal) this.o.store.journal?.close();
    }
  }

  // ---- another process wrote the file ----------------------------------------------

  /**
   * Merges changes another process wrote since our last read/write. Returns true when
   * anything was merged (the caller re-evaluates every reminder). `hinted` (before each
   * reminder batch) trusts the journal's watch to say nothing was written, instead of a stat.
   */
  mergeExternal(o: { hinted?: boolean } = {}): boolean {
    // With a journal every write by anyone changes the journal (an append, or a new file at
    // compaction): one stat of it says whether to look further.
    if (this.journal && !this.fullMergeDue && !this.journal.changedOnDisk(o.hinted)) return false;
    const rev = this.o.store.revision?.();
    if (rev === undefined) return false;
    if (this.journal) {
      if (rev === this.revision) {
        this.fullMergeDue = false;
        const changed = this.journal.mergeTail(this.doc, this.active, () => this.o.store.revision?.() ?? null, rev);
        if (changed !== null) {
          if (changed > 0) {
            this.storage.merges++;
            this.log(`state: merged changes written by another process (${changed} entries)`);
          }
          return changed > 0;
        }
      }
    } else if (rev === null || rev === this.revision) return false;
    let theirs: StateDoc;
    let theirRev: string | null = rev;
    try {
      // The document and the journal are read apart: a compaction in between would pair an
      // old document with a new journal. Read again until the document held still.
      for (let attempt = 0; ; attempt++) {
        const loaded = loadStateDoc(this.o.store.read(), new Date(this.o.clock.now()).toISOString());
        if (!loaded.ok) return false;
        theirs = loaded.doc;
        if (!this.journal) break;
        this.journal.reload(theirs);
        const after = this.o.store.revision?.() ?? null;
        if (after === theirRev) break;
        if (attempt >= 4) throw new Error('the state kept changing while it was read');
        theirRev = after;
      }
    } catch (e) {
      this.log(`state: could not read another process's changes: ${errorDetail(e)}`);
      return false;
    }
    this.fullMergeDue = false;
    this.revision = theirRev;
    let changed = 0;
    const base = this.base;
    // Settings: per top-level key, theirs wins where only they changed it.
    const baseSettings = JSON.parse(base.settings) as Record<string, unknown>;
    mergeJsonRecord(this.doc.settings, jsonMap(baseSettings), theirs.settings, () => {});
    if (theirs.pausedUntil !== base.pausedUntil && this.doc.pausedUntil === base.pausedUntil) {
      this.doc.pausedUntil = theirs.pausedUntil;
      changed++;
    }
    for (const [name, their] of Object.entries(theirs.scopes)) {
      const ours = this.doc.scopes[name];
      if (!ours) {
        if (this.journal && their.todos.length === 0) their.todos = this.journal.listOf(name) ?? [];
        this.doc.scopes[name] = their;
        continue;
      }
      const note = (_id?: string) => {
        if (name === this.active) changed++;
      };
      mergeMarks(ours, their).forEach(note);
      for (const [id, f] of Object.entries(their.fired)) if (mergeRecord(ours, 'fired', id, f)) note(id);
      for (const [k, at] of Object.entries(their.delivered)) mergeRecord(ours, 'delivered', k, at);
    }
    this.storage.merges++;
    // With a journal what was merged is on disk already; the whole document is written anew.
    if (!this.journal) this.dirty = true;
    this.base = this.userParts();
    this.log(`state: merged changes written by another process (${changed} entries)`);
    return true;
  }

  private userParts(): UserParts {
    return { settings: JSON.stringify(this.doc.settings), pausedUntil: this.doc.pausedUntil };
  }

  // ---- pruning ---------------------------------------------------------------------

  private maybePrune(): void {
    const now = this.o.clock.now();
    if (now - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = now;
    this.prune();
    // Hourly at most: how many records remain after pruning, so growth shows in the log
    // (counted, not serialised: on the memory store nothing else serialises the document).
    this.log(`state: ${this.recordCount()} records after pruning`);
  }

  private recordCount(): number {
    let n = 0;
    for (const s of Object.values(this.doc.scopes)) {
      for (const r of [s.done, s.snoozes, s.fired, s.delivered, s.closed, s.missing]) n += Object.keys(r).length;
    }
    return n;
  }

  /** Drops old scopes and records (marks.ts decides which); with a journal, at compaction. */
  private prune(): void {
    const now = this.o.clock.now();
    for (const [name, s] of Object.entries(this.doc.scopes)) {
      if (name !== this.active && now - Date.parse(s.usedAt) > SCOPE_TTL_MS) {
        delete this.doc.scopes[name];
        continue;
      }
      pruneScope(s, now);
    }
  }
}

/** Three-way merge per key; `base` holds JSON strings. Ours wins a real conflict. */
function mergeJsonRecord<T>(
  ours: Record<string, T>,
  base: Record<string, string>,
  theirs: Record<string, T>,
  note: (k: string) => void,
): void {
  const keys = new Set([...Object.keys(base), ...Object.keys(theirs)]);
  for (const k of keys) {
    const t = k in theirs ? JSON.stringify(theirs[k]) : undefined;
    const o = k in ours ? JSON.stringify(ours[k]) : undefined;
    const bv = base[k];
    if (t === bv || o !== bv || t === o) continue;
    if (t === undefined) delete ours[k];
    else ours[k] = theirs[k]!;
    note(k);
  }
}

function errorDetail(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
