/**
 * Each wire quirk of docs/youmi-api.md §3.3, put on the simulator's wire and read back through
 * the real client.
 */
import { describe, expect, it } from 'vitest';
import type { WireTodo } from '../../electron/main/simulator/index';
import { clientFor, useSimulator } from './harness';

describe('quirks over the wire', () => {
  const sim = useSimulator({}, { demoData: false });

  /** Adds a row with `patch` applied (string/number drift included), returns the client's view of it. */
  async function roundTrip(patch: Record<string, unknown>) {
    const row = sim().admin.addTodo({ remindTitle: '回访客户' });
    sim().admin.updateTodo(row.id, patch as Partial<WireTodo>);
    const { client, rec } = clientFor(sim());
    const { todos, skipped } = await client.listTodos({ usersate: -1 });
    expect(skipped).toBe(0);
    const todo = todos.find((t) => t.id === row.id);
    if (!todo) throw new Error(`todo ${row.id} missing from the list`);
    return { todo, logs: rec.logs };
  }

  it('reads the ad_ spelling of the operating account', async () => {
    const { todo } = await roundTrip({ ad_wechat_nober: 'kkk368555', ad_wechat_nick: '个微P06' });
    expect(todo.account).toEqual({ id: 3430, wechatNo: 'kkk368555', nick: '个微P06', kind: 'wechat' });
  });

  it('reads the documented spelling of the operating account', async () => {
    const { todo } = await roundTrip({ ad_wechat_nober: undefined, ad_wechat_nick: undefined, wechatNober: 'wwqk_kf01', wechatNick: '企微客服01', from: 3 });
    expect(todo.account).toMatchObject({ wechatNo: 'wwqk_kf01', nick: '企微客服01', kind: 'wecom' });
  });

  it('parses recipientData as JSON inside a string', async () => {
    const { todo } = await roundTrip({ recipientData: '["b08","b11"]' });
    expect(todo.recipients).toEqual(['b08', 'b11']);
  });

  it('keeps a todo whose recipientData is malformed, with no recipients and a logged note', async () => {
    const { todo, logs } = await roundTrip({ recipientData: '{"b08":' });
    expect(todo.recipients).toEqual([]);
    expect(logs.some((l) => l.includes(`todo ${todo.id}: recipientData is malformed`))).toBe(true);
  });

  it('accepts recipientData as a real array', async () => {
    const { todo } = await roundTrip({ recipientData: ['b08'] });
    expect(todo.recipients).toEqual(['b08']);
  });

  it.each([
    ['+08:00 and 7 fractional digits', '2024-08-07T15:30:23.0568873+08:00', '2024-08-07T07:30:23.056Z'],
    ['+08:00 and 6 fractional digits', '2024-08-07T14:55:39.444444+08:00', '2024-08-07T06:55:39.444Z'],
    ['no offset, taken as China time', '2024-08-18T00:00:00', '2024-08-17T16:00:00.000Z'],
    ['"yyyy-MM-dd HH:mm:ss"', '2024-08-18 09:30:00', '2024-08-18T01:30:00.000Z'],
    ['empty', '', null],
    ['garbage', '下周一', null],
  ])('reads remindTime/addTime with %s', async (_label, wire, iso) => {
    const { todo } = await roundTrip({ remindTime: wire, addTime: wire });
    expect(todo.remindAt).toBe(iso);
    expect(todo.createdAt).toBe(iso);
  });

  it('gives remindAt null when remindTime is absent', async () => {
    const { todo } = await roundTrip({ remindTime: undefined });
    expect(todo.remindAt).toBeNull();
  });

  it('reads numbers sent as strings and booleans sent as 1/"true"', async () => {
    const { todo } = await roundTrip({ isAlways: 1, wecharId: '5120', from: '3', eventType: '120', merchantId: 640462692 });
    expect(todo).toMatchObject({ isAlways: true, account: { id: 5120, kind: 'wecom' }, completion: 'like-moments', merchantId: '640462692' });
    const second = await roundTrip({ isAlways: 'true', sate: '2' });
    expect(second.todo).toMatchObject({ isAlways: true, state: 'cancelled', stateCode: 2 });
  });

  it('keeps unknown sate/from/eventType as unknown, with the raw state code', async () => {
    const { todo } = await roundTrip({ sate: 5, from: 9, eventType: 999 });
    expect(todo).toMatchObject({ state: 'unknown', stateCode: 5, account: { kind: 'unknown' }, completion: 'unknown' });
  });

  it.each([
    ['#FF0303', '#ff0303'],
    ['#AbC', '#aabbcc'],
    ['red', null],
    ['javascript:alert(1)', null],
    ['', null],
  ])('levelColor %j → %s', async (wire, colour) => {
    const { todo } = await roundTrip({ levelColor: wire });
    expect(todo.level.color).toBe(colour);
  });

  it('trims strings and keeps an empty title as ""', async () => {
    const { todo } = await roundTrip({ remindTitle: '', followupsiTuation: '  跟进  ', weixin: ' wxid_a ' });
    expect(todo).toMatchObject({ title: '', content: '跟进', customer: 'wxid_a' });
  });
});
