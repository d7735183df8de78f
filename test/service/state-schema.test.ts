import { describe, expect, it } from 'vitest';
import { STATE_VERSION, loadStateDoc } from '../../electron/main/service/state-schema';
import { makeTodo } from '../service/support/fixtures';

const NOW = '2025-01-06T01:00:00.000Z';

describe('state document: validation and migrations', () => {
  it('starts empty when there is no file', () => {
    expect(loadStateDoc(undefined, NOW)).toEqual({
      ok: true,
      doc: { version: STATE_VERSION, settings: {}, pausedUntil: null, scopes: {}, journalSeq: 0 },
      report: { fromVersion: null, migrated: false, dropped: 0 },
    });
  });

  it('migrates version 1 (one account) into the scope of its staff, rebuilding fired records', () => {
    const todo = makeTodo({ id: 7, remindAt: '2025-01-06T00:00:00.000Z', isAlways: true });
    const v1 = {
      version: 1,
      settings: { staffCode: 'b08', pollIntervalSec: 30 },
      staff: 'b08',
      lastTodos: [todo, { id: 'broken' }],
      done: { '9': { doneAt: '2025-01-05T00:00:00.000Z', remindAtWhenDone: null } },
      snoozes: { '7': '2025-01-06T02:00:00.000Z' },
      delivered: {
        '7@2025-01-06T00:00:00.000Z': '2025-01-06T00:00:01.000Z',
        '7@2025-01-06T00:10:00.000Z': '2025-01-06T00:10:00.000Z',
      },
      pausedUntil: null,
    };
    const r = loadStateDoc(v1, NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report).toEqual({ fromVersion: 1, migrated: true, dropped: 1 });
    expect(r.doc.settings).toEqual({ staffCode: 'b08', pollIntervalSec: 30 });
    const scope = r.doc.scopes.b08!;
    expect(scope.todos).toEqual([todo]);
    expect(scope.done['9']).toEqual({ doneAt: '2025-01-05T00:00:00.000Z', remindAtWhenDone: null });
    expect(scope.snoozes['7']).toEqual({ until: '2025-01-06T02:00:00.000Z', remindAt: todo.remindAt });
    expect(scope.fired['7']).toEqual({
      remindAt: todo.remindAt,
      due: '2025-01-06T00:10:00.000Z',
      at: '2025-01-06T00:10:00.000Z',
    });
  });

  it('treats an unversioned object as settings written before the state had a version', () => {
    const r = loadStateDoc({ staffCode: 'b08', theme: 'dark' }, NOW);
    expect(r).toMatchObject({ ok: true, doc: { settings: { staffCode: 'b08', theme: 'dark' }, scopes: {} }, report: { fromVersion: 0 } });
  });

  it('refuses a newer or nonsensical version rather than guessing', () => {
    expect(loadStateDoc({ version: 3 }, NOW)).toEqual({ ok: false, reason: 'state version 3 is newer than this app (2)' });
    expect(loadStateDoc({ version: 'two' }, NOW)).toMatchObject({ ok: false });
    expect(loadStateDoc([1, 2], NOW)).toMatchObject({ ok: false });
  });

  it('drops malformed entries one by one and keeps the rest (done marks above all)', () => {
    const r = loadStateDoc(
      {
        version: 2,
        settings: { a: 1 },
        pausedUntil: 'not a time',
        scopes: {
          b08: {
            todos: [makeTodo({ id: 1, remindAt: null }), { id: 2 }],
            listAt: null,
            done: { '1': { doneAt: '2025-01-05T00:00:00.000Z', remindAtWhenDone: null }, x: { doneAt: 1 } },
            snoozes: { '1': { until: 'soon', remindAt: null } },
            fired: {},
            delivered: { '1@2025-01-05T00:00:00.000Z': '2025-01-05T00:00:00.000Z', junk: '2025-01-05T00:00:00.000Z' },
            closed: {},
            missing: { '1': 1 },
            usedAt: NOW,
          },
        },
      },
      NOW,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.report.dropped).toBe(5);
    const s = r.doc.scopes.b08!;
    expect(s.todos.map((t) => t.id)).toEqual([1]);
    expect(Object.keys(s.done)).toEqual(['1']);
    expect(s.snoozes).toEqual({});
    expect(Object.keys(s.delivered)).toEqual(['1@2025-01-05T00:00:00.000Z']);
    expect(s.missing).toEqual({ '1': 1 });
    expect(r.doc.pausedUntil).toBeNull();
  });
});
