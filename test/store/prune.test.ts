/** The state file does not grow without bound: closed todos are capped, tombstones expire. */
import { describe, expect, it } from 'vitest';
import { CLOSED_CAP, pruneScope } from '../../electron/main/service/marks';
import { emptyScope } from '../../electron/main/service/state-schema';
import { makeTodo } from '../service/support/fixtures';

describe('pruning the state', () => {
  it(`keeps at most ${CLOSED_CAP} closed todos, the newest`, () => {
    const now = Date.parse('2025-01-06T01:00:00.000Z');
    const s = emptyScope(new Date(now).toISOString());
    const n = CLOSED_CAP + 300;
    for (let i = 1; i <= n; i++) {
      // All within the 7-day window; id i closed i seconds ago.
      s.closed[String(i)] = { reason: 'handled', at: new Date(now - i * 1000).toISOString(), todo: makeTodo({ id: i, remindAt: null }) };
      s.done[String(i)] = { doneAt: new Date(now - i * 1000).toISOString(), remindAtWhenDone: null };
    }
    pruneScope(s, now);
    expect(Object.keys(s.closed)).toHaveLength(CLOSED_CAP);
    expect(s.closed['1']).toBeDefined();
    expect(s.closed[String(n)]).toBeUndefined();
    expect(s.done[String(n)]).toBeUndefined();
  });
});
