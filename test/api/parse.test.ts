import { describe, expect, it } from 'vitest';
import { normaliseColour, parseRecipients, parseTodoItem, parseTodoPage } from '../../electron/main/api/parse';
import type { Todo } from '../../shared/todo';

/** The example item of the seed page (seeds/get-todo-list.txt), verbatim. */
const SEED_ITEM = {
  id: 3626,
  weixin: 'wxid_cdh8t1ajl8qm22',
  merchantId: '640462692',
  sffId: 'b03',
  remindTitle: '55',
  followupsiTuation: null,
  remindTime: '2024-08-18T00:00:00+08:00',
  isAlways: false,
  sate: 0,
  recipientData: '["b08"]',
  addTime: '2024-08-07T14:55:39.444444+08:00',
  wecharId: 3430,
  from: 0,
  levelColor: '#ff0303',
  levelName: '紧急',
  eventType: 0,
  ad_wechat_nober: 'kkk368555',
  ad_wechat_nick: '个微P06',
};

function todo(raw: unknown): Todo {
  const r = parseTodoItem(raw);
  if (!r.ok) throw new Error(`expected a todo, got: ${r.reason}`);
  return r.todo;
}

describe('parseTodoItem: the seed example', () => {
  it('normalises every field of the documented item', () => {
    expect(todo(SEED_ITEM)).toEqual({
      id: 3626,
      title: '55',
      content: null,
      remindAt: '2024-08-17T16:00:00.000Z',
      isAlways: false,
      state: 'open',
      stateCode: 0,
      recipients: ['b08'],
      customer: 'wxid_cdh8t1ajl8qm22',
      creator: 'b03',
      merchantId: '640462692',
      account: { id: 3430, wechatNo: 'kkk368555', nick: '个微P06', kind: 'wechat' },
      level: { name: '紧急', color: '#ff0303' },
      completion: 'manual',
      createdAt: '2024-08-07T06:55:39.444Z',
    });
  });
});

describe('parseTodoItem: name variants', () => {
  it('reads the documented wechatNober/wechatNick as well as the ad_ spelling', () => {
    const { ad_wechat_nober: _a, ad_wechat_nick: _b, ...rest } = SEED_ITEM;
    const t = todo({ ...rest, wechatNober: 'ym_kefu0102', wechatNick: '个微P02' });
    expect(t.account).toMatchObject({ wechatNo: 'ym_kefu0102', nick: '个微P02' });
  });

  it('prefers a non-empty spelling when both are sent', () => {
    const t = todo({ ...SEED_ITEM, wechatNober: '', wechatNick: null });
    expect(t.account).toMatchObject({ wechatNo: 'kkk368555', nick: '个微P06' });
  });

  it('folds case differences (WecharId, RemindTitle)', () => {
    const { wecharId: _w, remindTitle: _t, ...rest } = SEED_ITEM;
    const t = todo({ ...rest, WecharId: '3431', RemindTitle: '回访' });
    expect(t.account.id).toBe(3431);
    expect(t.title).toBe('回访');
  });
});

describe('parseTodoItem: recipientData', () => {
  it.each([
    ['a JSON array in a string', '["b08","b11"]', ['b08', 'b11']],
    ['a real array', ['b08', ' b11 '], ['b08', 'b11']],
    ['a double-encoded string', JSON.stringify('["b08"]'), ['b08']],
    ['numbers among codes', '[8, "b11"]', ['8', 'b11']],
    ['duplicates', '["b08","b08"]', ['b08']],
    ['an empty string', '', []],
    ['null', null, []],
  ])('accepts %s', (_label, value, expected) => {
    expect(todo({ ...SEED_ITEM, recipientData: value }).recipients).toEqual(expected);
  });

  it.each([
    ['a bare code', 'b08', ['b08']],
    ['codes without quotes', '[b08, b11]', ['b08', 'b11']],
    ['codes with a Chinese comma', 'b08，b11', ['b08', 'b11']],
    ['truncated JSON', '["b08"', ['b08']],
  ])('salvages the staff codes when it is %s, with a note', (_label, value, expected) => {
    const r = parseTodoItem({ ...SEED_ITEM, recipientData: value });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.todo.recipients).toEqual(expected);
    expect(r.notes.join(' ')).toMatch(/recipientData is malformed/);
  });

  it.each([
    ['prose', '发给 b08 和 b11'],
    ['broken JSON with an object', '{"b08":'],
    ['an object', '{"b08":true}'],
    ['a boolean', true],
  ])('keeps the todo with no recipients when it is %s, with a note', (_label, value) => {
    const r = parseTodoItem({ ...SEED_ITEM, recipientData: value });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.todo.recipients).toEqual([]);
    expect(r.notes.join(' ')).toMatch(/recipientData is malformed/);
  });

  it('reports malformed JSON through parseRecipients too', () => {
    expect(parseRecipients('[b08]')).toEqual({ recipients: ['b08'], malformed: true });
    expect(parseRecipients('{oops')).toEqual({ recipients: [], malformed: true });
  });
});

describe('parseTodoItem: times', () => {
  it.each([
    ['an offset and 7 fractional digits', '2024-08-07T15:30:23.0568873+08:00', '2024-08-07T07:30:23.056Z'],
    ['6 fractional digits', '2024-08-07T14:55:39.444444+08:00', '2024-08-07T06:55:39.444Z'],
    ['no offset (China time)', '2024-08-18T00:00:00', '2024-08-17T16:00:00.000Z'],
    ['"yyyy-MM-dd HH:mm:ss" (China time)', '2024-08-18 09:30:00', '2024-08-18T01:30:00.000Z'],
    ['Z', '2024-08-18T01:30:00Z', '2024-08-18T01:30:00.000Z'],
    ['another offset', '2024-08-18T01:30:00-05:00', '2024-08-18T06:30:00.000Z'],
    ['v1 slashes', '2018/5/11 14:32:40', '2018-05-11T06:32:40.000Z'],
    ['a date only (midnight China time)', '2024-08-18', '2024-08-17T16:00:00.000Z'],
    ['Unix seconds', 1723910400, '2024-08-17T16:00:00.000Z'],
    ['Unix milliseconds as text', '1723910400000', '2024-08-17T16:00:00.000Z'],
    ['.NET JSON date', '/Date(1723910400000+0800)/', '2024-08-17T16:00:00.000Z'],
  ])('reads %s', (_label, value, iso) => {
    expect(todo({ ...SEED_ITEM, remindTime: value }).remindAt).toBe(iso);
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['garbage', 'tomorrow-ish'],
    ['the .NET "unset" placeholder', '0001-01-01T00:00:00'],
    ['an impossible date', '2024-02-30T10:00:00+08:00'],
    ['an hour out of range', '2024-08-18T24:00:00+08:00'],
    ['an offset out of range', '2024-08-18T10:00:00+19:00'],
    ['an object', { at: 1 }],
    ['a boolean', true],
  ])('gives null for %s and keeps the todo', (_label, value) => {
    const t = todo({ ...SEED_ITEM, remindTime: value, addTime: value });
    expect(t.remindAt).toBeNull();
    expect(t.createdAt).toBeNull();
  });
});

describe('parseTodoItem: type drift and codes', () => {
  it('reads numbers sent as strings and booleans sent as 0/1/"true"', () => {
    const t = todo({
      ...SEED_ITEM,
      id: '3626',
      sate: '1',
      wecharId: '3430',
      from: '3',
      eventType: '130',
      isAlways: '1',
      merchantId: 640462692,
    });
    expect(t).toMatchObject({
      id: 3626,
      state: 'handled',
      stateCode: 1,
      account: { id: 3430, kind: 'wecom' },
      completion: 'comment-moments',
      isAlways: true,
      merchantId: '640462692',
    });
  });

  it.each([
    [1, true],
    [0, false],
    ['true', true],
    ['FALSE', false],
    ['0', false],
    ['maybe', false],
    [null, false],
  ])('isAlways %j → %s', (value, expected) => {
    expect(todo({ ...SEED_ITEM, isAlways: value }).isAlways).toBe(expected);
  });

  it('maps every documented sate, from and eventType', () => {
    expect([0, 1, 2].map((sate) => todo({ ...SEED_ITEM, sate }).state)).toEqual(['open', 'handled', 'cancelled']);
    expect([0, 1, 2, 3].map((from) => todo({ ...SEED_ITEM, from }).account.kind)).toEqual([
      'wechat',
      'official',
      'miniprogram',
      'wecom',
    ]);
    expect([0, 100, 120, 130].map((eventType) => todo({ ...SEED_ITEM, eventType }).completion)).toEqual([
      'manual',
      'contact',
      'like-moments',
      'comment-moments',
    ]);
  });

  it('keeps unknown codes as unknown, with the raw state code', () => {
    const t = todo({ ...SEED_ITEM, sate: 7, from: 9, eventType: 999 });
    expect(t.state).toBe('unknown');
    expect(t.stateCode).toBe(7);
    expect(t.account.kind).toBe('unknown');
    expect(t.completion).toBe('unknown');
  });

  it('gives state unknown and stateCode null when sate is missing or not a number', () => {
    const { sate: _s, ...rest } = SEED_ITEM;
    expect(todo(rest)).toMatchObject({ state: 'unknown', stateCode: null });
    expect(todo({ ...SEED_ITEM, sate: 'open' })).toMatchObject({ state: 'unknown', stateCode: null });
  });
});

describe('parseTodoItem: strings', () => {
  it('trims, turns blanks into null and keeps a missing title as ""', () => {
    const t = todo({ ...SEED_ITEM, remindTitle: '  回访客户  ', followupsiTuation: '   ', weixin: ' wxid_x ', levelName: '' });
    expect(t.title).toBe('回访客户');
    expect(t.content).toBeNull();
    expect(t.customer).toBe('wxid_x');
    expect(t.level.name).toBeNull();
    const { remindTitle: _t, ...untitled } = SEED_ITEM;
    expect(todo(untitled).title).toBe('');
  });

  it('strips terminal control characters but keeps newlines in the content', () => {
    const t = todo({ ...SEED_ITEM, remindTitle: 'a\u001b[31mb\u0007', followupsiTuation: '第一行\n第二行' });
    expect(t.title).toBe('a[31mb');
    expect(t.content).toBe('第一行\n第二行');
  });

  it('does not take objects for strings', () => {
    expect(todo({ ...SEED_ITEM, weixin: { id: 1 }, sffId: ['b03'] })).toMatchObject({ customer: null, creator: null });
  });
});

describe('levelColor', () => {
  it.each([
    ['#ff0303', '#ff0303'],
    ['#FF0303', '#ff0303'],
    [' #AbC ', '#aabbcc'],
    ['#abc', '#aabbcc'],
  ])('%j → %s', (value, expected) => {
    expect(normaliseColour(value)).toBe(expected);
  });

  it.each(['red', 'ff0303', '#ff03', '#ff030300', 'rgb(1,2,3)', '#ggg', 'url(x)', '#ff0303;background:url(x)', '', null, 255, {}])(
    'rejects %j',
    (value) => {
      expect(normaliseColour(value)).toBeNull();
      expect(todo({ ...SEED_ITEM, levelColor: value }).level.color).toBeNull();
    },
  );
});

describe('ids and bad items', () => {
  it.each([
    ['missing', undefined],
    ['zero', 0],
    ['negative', -5],
    ['fractional', 1.5],
    ['text', 'abc'],
    ['too large', 2 ** 60],
    ['an object', { id: 1 }],
    ['null', null],
  ])('skips an item whose id is %s, with a reason', (_label, id) => {
    const r = parseTodoItem({ ...SEED_ITEM, id });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/id/);
  });

  it('skips non-objects', () => {
    for (const raw of [null, 42, 'x', [SEED_ITEM], true]) expect(parseTodoItem(raw).ok).toBe(false);
  });

  it('never lets a bad item sink its page: it is skipped, counted and logged', () => {
    const lines: string[] = [];
    const page = parseTodoPage([SEED_ITEM, null, { ...SEED_ITEM, id: 'x' }, { ...SEED_ITEM, id: 3627 }], (l) => lines.push(l));
    expect(page.todos.map((t) => t.id)).toEqual([3626, 3627]);
    expect(page.skipped).toBe(2);
    expect(page.received).toBe(4);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/skipped todo item 1: not an object/);
    expect(lines[1]).toMatch(/skipped todo item 2: .*id/);
  });
});
