import { describe, expect, it } from 'vitest';
import { emptyScope, type ScopeState } from '../../electron/main/service/state-schema';
import { mergeMarks, pruneStamps, stampKey, TOMBSTONE_TTL_MS } from '../../electron/main/store/mark-stamps';

const T = Date.parse('2025-01-06T01:00:00.000Z');
const scope = (): ScopeState => emptyScope(new Date(T).toISOString());
const mark = (t: number) => ({ doneAt: new Date(t).toISOString(), remindAtWhenDone: null });
const copy = (s: ScopeState): ScopeState => structuredClone(s);

describe('merging marks by change stamps', () => {
  it('a mark missing from a stale copy is not seen, never a deletion', () => {
    const ours = scope();
    const stale = copy(ours); // another process read the file before our mark
    ours.done['5'] = mark(T);
    stampKey(ours, 'done', '5', T);
    // The stale copy wins nothing it did not change: our mark stays, both ways round.
    expect(mergeMarks(ours, stale).size).toBe(0);
    expect(ours.done['5']).toBeDefined();
    mergeMarks(stale, ours);
    expect(stale.done['5']).toEqual(ours.done['5']);
  });

  it('an undo is a stamped removal: it reaches a copy that still has the older mark', () => {
    const a = scope();
    a.done['5'] = mark(T);
    stampKey(a, 'done', '5', T);
    const b = copy(a); // b has the mark
    delete a.done['5']; // a undoes it later
    stampKey(a, 'done', '5', T + 1000);
    expect([...mergeMarks(b, a)]).toEqual(['5']);
    expect(b.done['5']).toBeUndefined();
    // … and a newer done mark on b beats the older undo.
    b.done['5'] = mark(T + 2000);
    stampKey(b, 'done', '5', T + 2000);
    mergeMarks(a, b);
    expect(a.done['5']).toEqual(mark(T + 2000));
  });

  it('both merge orders agree on a same-millisecond conflict', () => {
    const a = scope();
    const b = scope();
    a.snoozes['7'] = { until: '2025-01-06T02:00:00.000Z', remindAt: null };
    b.snoozes['7'] = { until: '2025-01-06T03:00:00.000Z', remindAt: null };
    stampKey(a, 'snooze', '7', T);
    stampKey(b, 'snooze', '7', T);
    const a2 = copy(a);
    mergeMarks(a, b);
    mergeMarks(b, a2);
    expect(a.snoozes).toEqual(b.snoozes);
  });

  it('a clock that went back still stamps a later change after the earlier one', () => {
    const a = scope();
    a.done['1'] = mark(T);
    stampKey(a, 'done', '1', T);
    delete a.done['1'];
    stampKey(a, 'done', '1', T - 3600_000);
    expect(Date.parse(a.stamps['done:1']!)).toBe(T + 1);
  });

  it('tombstones are forgotten after their time to live; stamps of present marks stay', () => {
    const a = scope();
    a.done['1'] = mark(T);
    a.stamps['done:1'] = new Date(T).toISOString();
    a.stamps['done:2'] = new Date(T).toISOString();
    pruneStamps(a, T + TOMBSTONE_TTL_MS + 1);
    expect(Object.keys(a.stamps)).toEqual(['done:1']);
  });
});
