/**
 * Whether the journal may have changed since the last look, without a system call: the
 * service asks before every reminder batch (another process, the CLI, may have marked one
 * done), tens of thousands of times a day with a large list, and a `stat` each time was a
 * fifth of the reminder path's cost.
 *
 * - Other processes: `fs.watch` on the journal's directory (inotify, ReadDirectoryChangesW,
 *   FSEvents). A directory, not the file, because a compaction replaces the file. Events
 *   arrive through the event loop, which polls for them between timers: a write by another
 *   process is seen unless it landed within a moment of the reminder (on macOS FSEvents
 *   adds up to 50 ms), the same race a `stat` an instant before the write has.
 * - This process: stores on the same file in one process (a host and its CLI commands in
 *   tests, two states) see each other's writes at once, through `wrote`.
 * - Where the directory cannot be watched (no inotify watches left, a file system without
 *   events) every look is a real one, as before.
 * The watch starts at the first look, so short-lived processes (a CLI command) never
 * start one. A 'maybe' is only a hint: the caller still stats before trusting it, and a
 * write under the state lock always stats.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Writes by this process, per journal path. */
const localWrites = new Map<string, number>();

export interface JournalWatch {
  /** True when the journal may have changed since the last call that returned true. */
  mayHaveChanged(): boolean;
  /**
   * This store wrote the journal. Only under the state lock, after merging what was there:
   * nothing written before it is left unseen, so only other stores are told.
   */
  wrote(): void;
  close(): void;
}

export function watchJournal(file: string): JournalWatch {
  const name = path.basename(file);
  let watcher: fs.FSWatcher | null = null;
  /** Watching failed: every look is a real one. */
  let blind = false;
  let seen = true;
  let localSeen = -1;

  const stop = () => {
    watcher?.close();
    watcher = null;
  };
  const start = () => {
    try {
      watcher = fs.watch(path.dirname(file), { persistent: false }, (_event, changed) => {
        // Some platforms omit the name: then it may be the journal.
        if (changed === null || changed === name) seen = true;
      });
      watcher.on('error', () => {
        blind = true;
        stop();
      });
    } catch {
      blind = true;
    }
  };

  return {
    mayHaveChanged() {
      if (watcher === null && !blind) start();
      const local = localWrites.get(file) ?? 0;
      if (watcher === null || seen || local !== localSeen) {
        // Cleared before the caller looks: an event from now on means another look.
        seen = false;
        localSeen = local;
        return true;
      }
      return false;
    },
    wrote() {
      localSeen = (localWrites.get(file) ?? 0) + 1;
      localWrites.set(file, localSeen);
    },
    close: stop,
  };
}
