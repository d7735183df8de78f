/**
 * Hostile items against the parser (issue 2 item 5): it never throws, never drops an
 * item that has a usable id, and never lets anything but a hex colour through.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTodoItem, parseTodoPage } from '../../electron/main/api/parse';
import type { Todo } from '../../shared/todo';

const FIELDS = [
  'weixin',
  'merchantId',
  'sffId',
  'remindTitle',
  'followupsiTuation',
  'remindTime',
  'isAlways',
  'sate',
  'recipientData',
  'addTime',
  'wecharId',
  'from',
  'levelColor',
  'levelName',
  'eventType',
  'wechatNober',
  'wechatNick',
  'ad_wechat_nober',
  'ad_wechat_nick',
] as const;

/** Values that have been seen or could plausibly be seen in each field, plus anything at all. */
const hostileValue = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }),
  fc.string(),
  fc.constantFrom('', ' ', 'null', 'NaN', '0', '1', 'true', '[]', '["b08"', '#ff0303', '#FFF', 'red', '0001-01-01T00:00:00'),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, 2 ** 53, -1),
  fc.stringMatching(/^\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d{1,9})?)?([+-]\d{2}:?\d{2}|Z)?$/),
  fc.stringMatching(/^#[0-9a-zA-Z]{0,9}$/),
  fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null))).map((a) => JSON.stringify(a)),
);

const hostileFields = fc.record(Object.fromEntries(FIELDS.map((k) => [k, hostileValue])) as Record<(typeof FIELDS)[number], typeof hostileValue>, {
  requiredKeys: [],
});

const validId = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const idOnWire = (id: number) => fc.constantFrom<unknown>(id, String(id), ` ${id} `, `${id}.0`);

/** An item with a usable id and junk everywhere else, with unrelated extra keys. */
const validItem = validId.chain((id) =>
  fc
    .tuple(idOnWire(id), hostileFields, fc.dictionary(fc.string(), hostileValue, { maxKeys: 3 }))
    .map(([wireId, fields, extra]) => ({ id, raw: { ...extra, ...fields, id: wireId } as Record<string, unknown> })),
);

const hostileItem = fc.oneof(
  fc.anything(),
  hostileFields.map((f) => ({ ...f })),
  hostileFields.chain((f) => hostileValue.map((id) => ({ ...f, id }))),
);

const COLOUR = /^#[0-9a-f]{6}$/;
const STATES = new Set(['open', 'handled', 'cancelled', 'unknown']);
const KINDS = new Set(['wechat', 'official', 'miniprogram', 'wecom', 'unknown']);
const COMPLETIONS = new Set(['manual', 'contact', 'like-moments', 'comment-moments', 'unknown']);

const isIsoOrNull = (v: string | null): boolean => v === null || (new Date(v).toISOString() === v);
const nullableString = (v: unknown): boolean => v === null || (typeof v === 'string' && v.trim() === v && v !== '');

/** The whole `Todo` contract, field by field. */
function wellFormed(t: Todo): boolean {
  return (
    Number.isSafeInteger(t.id) &&
    t.id > 0 &&
    typeof t.title === 'string' &&
    t.title.trim() === t.title &&
    nullableString(t.content) &&
    isIsoOrNull(t.remindAt) &&
    isIsoOrNull(t.createdAt) &&
    typeof t.isAlways === 'boolean' &&
    STATES.has(t.state) &&
    (t.stateCode === null || Number.isSafeInteger(t.stateCode)) &&
    Array.isArray(t.recipients) &&
    t.recipients.every((r) => typeof r === 'string' && r !== '' && r.trim() === r) &&
    new Set(t.recipients).size === t.recipients.length &&
    nullableString(t.customer) &&
    nullableString(t.creator) &&
    nullableString(t.merchantId) &&
    (t.account.id === null || Number.isSafeInteger(t.account.id)) &&
    nullableString(t.account.wechatNo) &&
    nullableString(t.account.nick) &&
    KINDS.has(t.account.kind) &&
    nullableString(t.level.name) &&
    (t.level.color === null || COLOUR.test(t.level.color)) &&
    COMPLETIONS.has(t.completion)
  );
}

describe('parser under hostile input (fast-check)', () => {
  it('never throws, whatever an item is', () => {
    fc.assert(
      fc.property(fc.oneof(hostileItem, validItem.map((v) => v.raw)), (raw) => {
        const r = parseTodoItem(raw);
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) expect(wellFormed(r.todo)).toBe(true);
        else expect(r.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never drops an item with a usable id, whatever its other fields hold', () => {
    fc.assert(
      fc.property(validItem, ({ id, raw }) => {
        const r = parseTodoItem(raw);
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.todo.id).toBe(id);
          expect(wellFormed(r.todo)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps every valid item of a page mixed with hostile ones, and counts the rest', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(validItem, { selector: (v) => v.id, maxLength: 15 }),
        fc.array(hostileItem, { maxLength: 15 }),
        fc.infiniteStream(fc.boolean()),
        (valid, hostile, coin) => {
          const items: unknown[] = [];
          const queue = [...valid.map((v) => v.raw)];
          const bad = [...hostile];
          while (queue.length || bad.length) {
            const takeValid = queue.length > 0 && (bad.length === 0 || coin.next().value === true);
            items.push(takeValid ? queue.shift() : bad.shift());
          }
          const page = parseTodoPage(items, () => {});
          const ids = new Set(page.todos.map((t) => t.id));
          for (const v of valid) expect(ids.has(v.id)).toBe(true);
          expect(page.todos.length + page.skipped).toBe(items.length);
          expect(page.received).toBe(items.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('lets only hex colours through, as lower-case #rrggbb', () => {
    fc.assert(
      fc.property(validId, hostileValue, (id, levelColor) => {
        const r = parseTodoItem({ id, levelColor });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const colour = r.todo.level.color;
        const isHex = typeof levelColor === 'string' && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(levelColor.trim());
        if (isHex) expect(colour).toMatch(COLOUR);
        else expect(colour).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('reads any #rgb/#rrggbb in any case to the same lower-case colour', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-fA-F]{6}$/), (hex) => {
        const r = parseTodoItem({ id: 1, levelColor: `#${hex}` });
        expect(r.ok && r.todo.level.color).toBe(`#${hex.toLowerCase()}`);
      }),
    );
  });
});
