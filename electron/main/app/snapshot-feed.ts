/**
 * The snapshot stream one host offers its pages (WebSocket connections, the Electron
 * window): a full snapshot when a page connects or asks again after a gap, then deltas.
 * One delta is computed per change, whatever the number of pages, and only while at least
 * one page is connected: with none, the feed is not subscribed to the app at all, so no
 * snapshot is built, diffed or serialised (issue 13 item 2).
 */
import type { SnapshotMessage } from '../../../shared/contract/delta';
import type { Snapshot } from '../../../shared/contract/types';
import { diffSnapshots } from './snapshot-deltas';

export interface SnapshotSource {
  snapshot(): Snapshot;
  onSnapshot(listener: (s: Snapshot) => void): () => void;
}

export interface FeedConnection {
  /** Sends a full snapshot again (the page saw a gap in the sequence). */
  resync(): void;
  close(): void;
}

export interface SnapshotFeed {
  /** A page connected: `send` gets its messages, numbered per connection from 1. */
  connect(send: (msg: SnapshotMessage) => void): FeedConnection;
  /** Pages connected now. */
  readonly connections: number;
  /** What the feed did: full snapshots and deltas sent, snapshots received from the app. */
  readonly stats: { fulls: number; deltas: number; received: number };
}

export function createSnapshotFeed(source: SnapshotSource, log: (line: string) => void = () => {}): SnapshotFeed {
  interface Sub {
    seq: number;
    send: (msg: SnapshotMessage) => void;
  }
  const subs = new Set<Sub>();
  const stats = { fulls: 0, deltas: 0, received: 0 };
  let last: Snapshot | null = null;
  let off: (() => void) | null = null;

  const deliver = (sub: Sub, body: { full: Snapshot } | { delta: NonNullable<ReturnType<typeof diffSnapshots>> }): void => {
    sub.seq += 1;
    try {
      sub.send({ seq: sub.seq, ...body } as SnapshotMessage);
    } catch (e) {
      log(`snapshot feed: a page's send failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const onSnapshot = (s: Snapshot): void => {
    stats.received++;
    const prev = last;
    last = s;
    if (prev === null) {
      for (const sub of subs) deliver(sub, { full: s });
      stats.fulls += subs.size;
      return;
    }
    const delta = diffSnapshots(prev, s);
    if (!delta) return;
    stats.deltas++;
    for (const sub of subs) deliver(sub, { delta });
  };

  const full = (sub: Sub): void => {
    last ??= source.snapshot();
    stats.fulls++;
    deliver(sub, { full: last });
  };

  return {
    connect(send) {
      const sub: Sub = { seq: 0, send };
      if (subs.size === 0) off = source.onSnapshot(onSnapshot);
      subs.add(sub);
      full(sub);
      let open = true;
      return {
        resync: () => {
          if (open) full(sub);
        },
        close: () => {
          if (!open) return;
          open = false;
          subs.delete(sub);
          if (subs.size > 0) return;
          off?.();
          off = null;
          last = null;
        },
      };
    },
    get connections() {
      return subs.size;
    },
    stats,
  };
}
