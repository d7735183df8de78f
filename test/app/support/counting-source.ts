/**
 * A snapshot source as the app offers one to a bridge (snapshot() and change events), that
 * counts how often a snapshot was built and who listens: the bridges' tests read these to
 * show that nothing is built or sent without a page.
 */
import type { Snapshot } from '../../../shared/contract/types';

export function countingSource(first: Snapshot) {
  const listeners = new Set<(s: Snapshot) => void>();
  const s = {
    current: first,
    builds: 0,
    listeners,
    /** What the app does on a change: it builds a snapshot only for its subscribers. */
    change(next: Partial<Snapshot>): void {
      s.current = { ...s.current, ...next };
      if (listeners.size === 0) return;
      s.builds++;
      for (const l of listeners) l(s.current);
    },
    snapshot: (): Snapshot => {
      s.builds++;
      return s.current;
    },
    onSnapshot: (l: (x: Snapshot) => void): (() => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return s;
}
