/**
 * Shared marks on the desktop side. Local marks are noticed as changes of the service's
 * snapshot (done, undo, snooze), whichever surface made them (window, tray, CLI), and go
 * to the relay's outbox; marks from the staff member's other devices arrive on the stream
 * and are applied through the service's own mark methods. A change that only mirrors what
 * the relay already says is not sent back, so marks do not echo between devices.
 */
import type { Snapshot } from '../../../shared/contract/types';
import type { TodoService } from '../service/todo-service';
import type { RelayMark } from './link';
import type { MarkOutbox } from './outbox';

interface MarkState {
  done: boolean;
  snoozedUntil: string | null;
}
const sameState = (a: MarkState, b: MarkState): boolean =>
  a.done === b.done && (a.snoozedUntil === b.snoozedUntil || (a.snoozedUntil !== null && b.snoozedUntil !== null && Date.parse(a.snoozedUntil) === Date.parse(b.snoozedUntil)));

export class MarkShare {
  private local = new Map<number, MarkState>();
  private readonly remote = new Map<number, MarkState>();
  private baseline = false;

  constructor(
    private readonly service: Pick<TodoService, 'markDone' | 'undoDone' | 'snooze'>,
    private readonly outbox: MarkOutbox,
    private readonly now: () => number = Date.now,
  ) {}

  /** Feed every service snapshot. */
  onSnapshot(s: Snapshot): void {
    const cur = new Map<number, MarkState>();
    for (const t of s.todos) {
      if (t.closed) continue;
      const snoozed = t.local.snoozedUntil && Date.parse(t.local.snoozedUntil) > this.now() ? t.local.snoozedUntil : null;
      cur.set(t.id, { done: t.local.done, snoozedUntil: snoozed });
    }
    if (this.baseline) {
      for (const [id, now] of cur) {
        const before = this.local.get(id);
        if (!before || sameState(before, now)) continue;
        const relay = this.remote.get(id);
        if (relay && sameState(relay, now)) continue;
        this.remote.set(id, now);
        const clientAt = new Date(this.now()).toISOString();
        if (now.done) this.outbox.add({ todoId: id, kind: 'done', clientAt });
        else if (now.snoozedUntil) this.outbox.add({ todoId: id, kind: 'snooze', until: now.snoozedUntil, clientAt });
        else this.outbox.add({ todoId: id, kind: 'undo', clientAt });
      }
    }
    this.baseline = true;
    this.local = cur;
    // Marks that arrived before their todo did.
    for (const [id, relay] of this.remote) if (cur.has(id)) this.applyLocally(id, relay);
  }

  /** A mark from the relay (stream snapshot or live event). */
  onRemote(mark: RelayMark): void {
    const state: MarkState = { done: mark.done, snoozedUntil: mark.snoozedUntil };
    this.remote.set(mark.todoId, state);
    this.applyLocally(mark.todoId, state);
  }

  private applyLocally(id: number, relay: MarkState): void {
    const local = this.local.get(id);
    if (!local || sameState(local, relay)) return;
    if (relay.done && !local.done) this.service.markDone([id]);
    else if (!relay.done && relay.snoozedUntil && Date.parse(relay.snoozedUntil) > this.now()) this.service.snooze([id], relay.snoozedUntil);
    else if (!relay.done && local.done) this.service.undoDone([id]);
  }
}
