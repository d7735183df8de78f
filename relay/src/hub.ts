/**
 * Fan-out: every instance reads new events from the shared log once (after a local write,
 * a Postgres NOTIFY, or a slow safety tick) and hands each to the streams of its staff
 * member that are connected to this instance. Routing is a map lookup, so 1,000 connected
 * staff cost the same database work as 10.
 */
import type { RelayEvent, RelayStore } from './store';

export interface Subscriber {
  deviceId: number;
  send(event: RelayEvent): void;
  close(reason: string): void;
}

export class Hub {
  private readonly byStaff = new Map<string, Set<Subscriber>>();
  private lastSeen = 0;
  private reading: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly store: RelayStore,
    private readonly log: (line: string) => void,
  ) {}

  async start(safetyTickMs = 2000): Promise<void> {
    this.lastSeen = await this.store.lastEventId();
    this.timer = setInterval(() => this.poke(), safetyTickMs);
    this.timer.unref();
  }

  subscribe(staff: string, sub: Subscriber): () => void {
    let set = this.byStaff.get(staff);
    if (!set) this.byStaff.set(staff, (set = new Set()));
    set.add(sub);
    return () => {
      set.delete(sub);
      if (set.size === 0 && this.byStaff.get(staff) === set) this.byStaff.delete(staff);
    };
  }

  connections(): number {
    let n = 0;
    for (const s of this.byStaff.values()) n += s.size;
    return n;
  }

  /** New events may exist: read them (coalesced: one read at a time, one more after it). */
  poke(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        try {
          for (;;) {
            const events = await this.store.allEventsAfter(this.lastSeen);
            for (const e of events) this.dispatch(e);
            if (events.length === 0) break;
            this.lastSeen = events[events.length - 1]!.id;
          }
        } catch (e) {
          this.log(`fan-out: reading events failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      } while (this.again);
    })().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private dispatch(e: RelayEvent): void {
    const set = this.byStaff.get(e.staff);
    if (!set) return;
    for (const sub of [...set]) {
      if (e.type === 'revoke') {
        if (sub.deviceId === e.data.deviceId) sub.close('revoked');
        continue;
      }
      sub.send(e);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const set of this.byStaff.values()) for (const sub of set) sub.close('shutting down');
    this.byStaff.clear();
  }
}
