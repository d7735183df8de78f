import { describe, expect, it } from 'vitest';
import { datetimeLocalToIso, toMs } from '../../renderer/src/model/time';
import { accountPatch, draftFrom, fullPatch, validateDraft } from '../../renderer/src/model/settingsDraft';
import { DEFAULT_SETTINGS } from './fake-bridge';

describe('time parsing', () => {
  it('reads ISO times exactly like Date.parse (fast path and fallback)', () => {
    const cases = [
      '2024-08-17T16:00:00.000Z',
      '2024-02-29T23:59:59.999Z',
      '2024-08-18T00:00:00+08:00',
      '2024-08-07T15:30:23.0568873+08:00',
      '2024-08-17T16:00:00Z',
      '1970-01-01T00:00:00.000Z',
    ];
    for (const iso of cases) expect(toMs(iso)).toBe(Date.parse(iso));
    for (const bad of ['', 'garbage', '2024-13-01T00:00:00.000Z', '2024-08-17T25:00:00.000Z', null, undefined]) expect(toMs(bad)).toBeNull();
  });

  it('turns a datetime-local value into ISO with the local offset (TZ is Asia/Shanghai in tests)', () => {
    expect(datetimeLocalToIso('2024-08-18T09:30')).toBe('2024-08-18T09:30:00+08:00');
    expect(datetimeLocalToIso('2024-08-18T09:30:15')).toBe('2024-08-18T09:30:15+08:00');
    expect(datetimeLocalToIso('')).toBeNull();
    expect(datetimeLocalToIso('2024-08-18')).toBeNull();
    expect(datetimeLocalToIso('2024-08-18T9:30')).toBeNull();
  });
});

describe('settings draft', () => {
  it('never carries the secret unless typed, and only changed fields', () => {
    const draft = draftFrom(DEFAULT_SETTINGS, null);
    expect(draft.clientSecret).toBe('');
    expect(fullPatch(draft, DEFAULT_SETTINGS)).toEqual({});
    expect(accountPatch({ ...draft, clientSecret: 's3' }, DEFAULT_SETTINGS)).toEqual({ clientSecret: 's3' });
    expect(accountPatch({ ...draft, clearSecret: true, clientSecret: 'ignored' }, DEFAULT_SETTINGS)).toEqual({ clientSecret: '' });
    expect(accountPatch({ ...draft, staffCode: '  b09 ' }, DEFAULT_SETTINGS)).toEqual({ staffCode: 'b09' });
  });

  it('validates what main validates', () => {
    const draft = draftFrom(DEFAULT_SETTINGS, 'account');
    expect(validateDraft(draft)).toEqual({});
    expect(validateDraft({ ...draft, baseUrl: '', tokenUrl: '' })).toEqual({});
    expect(
      validateDraft({ ...draft, baseUrl: 'javascript:alert(1)', pollIntervalSec: '14', repeatIntervalMin: '1.5', quietStart: '24:00', quietEnd: '7:00' }),
    ).toEqual({ baseUrl: 'url', pollIntervalSec: 'pollInterval', repeatIntervalMin: 'repeatInterval', quietStart: 'time', quietEnd: 'time' });
  });
});

describe('the list kept from one build to the next (listMemo)', () => {
  it('gives exactly what a fresh build gives, as todos change, time passes and marks come and go', async () => {
    const fc = await import('fast-check');
    const { buildList } = await import('../../renderer/src/model/grouping');
    const { createListMemo } = await import('../../renderer/src/model/listMemo');
    const { makeTodo } = await import('./fake-bridge');
    const start = Date.UTC(2024, 7, 17, 14); // 22:00 in Asia/Shanghai: time steps cross midnight
    const iso = (ms: number): string => new Date(ms).toISOString();
    const minutes = fc.integer({ min: -300, max: 300 });
    const change = fc.record({
      id: fc.integer({ min: 1, max: 30 }),
      what: fc.constantFrom('title', 'remind', 'none', 'snooze', 'done', 'undone', 'closed', 'remove'),
      at: minutes,
    });
    const step = fc.record({
      changes: fc.array(change, { maxLength: 4 }),
      advance: fc.integer({ min: 0, max: 90 }),
      override: fc.option(fc.record({ id: fc.integer({ min: 1, max: 30 }), done: fc.boolean() }), { nil: null }),
      search: fc.constantFrom('', '7', '待办 1'),
    });
    fc.assert(
      fc.property(fc.array(minutes, { minLength: 1, maxLength: 30 }), fc.array(step, { minLength: 1, maxLength: 8 }), (ats, steps) => {
        let now = start;
        let todos = ats.map((m, i) => makeTodo({ id: i + 1, remindAt: iso(now + m * 60_000) }));
        const memo = createListMemo();
        for (const s of steps) {
          now += s.advance * 60_000;
          for (const c of s.changes) {
            const at = iso(now + c.at * 60_000);
            if (c.what === 'remove') todos = todos.filter((t) => t.id !== c.id);
            else if (!todos.some((t) => t.id === c.id)) todos = [...todos, makeTodo({ id: c.id, remindAt: at })];
            else
              todos = todos.map((t) => {
                if (t.id !== c.id) return t;
                if (c.what === 'title') return { ...t, title: `${t.title}!` };
                if (c.what === 'remind') return { ...t, remindAt: at };
                if (c.what === 'none') return { ...t, remindAt: null };
                if (c.what === 'snooze') return { ...t, local: { ...t.local, snoozedUntil: at } };
                if (c.what === 'done') return { ...t, local: { ...t.local, done: true, doneAt: c.at % 2 ? at : null } };
                if (c.what === 'undone') return { ...t, local: { ...t.local, done: false, doneAt: null } };
                return { ...t, closed: { reason: 'handled', at } };
              });
          }
          const overrides = new Map(s.override ? [[s.override.id, { done: s.override.done, at: now }]] : []);
          const query = { now, overrides, search: s.search, level: undefined, collapsed: new Set<never>() };
          const kept = buildList(todos, query, memo);
          const fresh = buildList(todos, query);
          expect(kept.rows).toEqual(fresh.rows);
          expect(kept.counts).toEqual(fresh.counts);
          expect(kept.openTotal).toBe(fresh.openTotal);
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('first paint of a large list', () => {
  it('a limited build is exactly the first rows of the full list, with exact counts', async () => {
    const fc = await import('fast-check');
    const { buildList } = await import('../../renderer/src/model/grouping');
    const { makeTodo } = await import('./fake-bridge');
    const now = Date.UTC(2024, 7, 17, 8);
    const levels = [{ name: '紧急', color: null }, { name: '普通', color: null }, { name: null, color: null }];
    const spec = fc.record({
      at: fc.option(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), { nil: null }),
      level: fc.integer({ min: 0, max: levels.length - 1 }),
      done: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 400 }), fc.integer({ min: 1, max: 120 }), (specs, limit) => {
        const todos = specs.map((s, i) =>
          makeTodo({
            id: i + 1,
            remindAt: s.at === null ? null : new Date(now + Math.round(s.at / 60_000) * 60_000).toISOString(),
            level: levels[s.level] ?? { name: null, color: null },
            local: { done: s.done && i % 3 === 0, doneAt: new Date(now).toISOString(), snoozedUntil: null },
          }),
        );
        const query = { now, overrides: new Map(), search: '', level: undefined, collapsed: new Set<never>() };
        const full = buildList(todos, query);
        const part = buildList(todos, { ...query, limit: limit });
        expect(full.partial).toBe(false);
        expect(part.totalRows).toBe(full.rows.length);
        expect(part.counts).toEqual(full.counts);
        expect(part.rows.map((r) => r.key)).toEqual(full.rows.slice(0, part.rows.length).map((r) => r.key));
        expect(part.rows.length).toBeLessThanOrEqual(Math.max(limit, 1) + 5);
        if (part.partial) expect(part.rows.length).toBeLessThan(full.rows.length);
        else expect(part.rows.length).toBe(full.rows.length);
      }),
      { numRuns: 60 },
    );
  });

  it('the store paints the first rows, then completes the list when idle or when an action needs it', async () => {
    const { createAppStore, selectList, FIRST_PAINT_ROWS } = await import('../../renderer/src/store/appStore');
    const { FakeBridge, makeTodo } = await import('./fake-bridge');
    const todos = Array.from({ length: 3000 }, (_, i) => makeTodo({ id: i + 1, remindAt: new Date(Date.now() - (i + 1) * 60_000).toISOString() }));
    const bridge = new FakeBridge({ todos });
    const store = createAppStore(bridge);
    const snapshot = (await bridge.getSnapshot()) as { ok: true; value: import('../../shared/contract/types').Snapshot };
    store.getState().actions.applySnapshot(snapshot.value);
    const first = selectList(store.getState());
    expect(first.partial).toBe(true);
    expect(first.rows).toHaveLength(FIRST_PAINT_ROWS);
    expect(first.totalRows).toBe(3001);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(selectList(store.getState()).rows).toHaveLength(3001);

    // a second store: an action before the idle moment works on the whole list at once
    const other = createAppStore(bridge);
    other.getState().actions.applySnapshot(snapshot.value);
    other.getState().actions.moveTo('last');
    expect(selectList(other.getState()).partial).toBe(false);
    expect(other.getState().activeKey).toBe('t:1');
  });
});
