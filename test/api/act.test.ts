/** The client against the simulator (real HTTP) for GetFansList, ActivationConversation and AddRecordNew. */
import { describe, expect, it } from 'vitest';
import { BadResponseError, BusinessError, InvalidRequestError } from '../../electron/main/api/errors';
import { clientFor, envelope, hits, rejection, sendJson, startStub, stubConfig, testClient, useSimulator } from './harness';

const FANS = '/v2/Friend/GetFansList';
const ACTIVATE = '/v2/ChatMess/ActivationConversation';

describe('findCustomer (GetFansList)', () => {
  const sim = useSimulator();

  it('sends the documented fields and reads the nickname and remark', async () => {
    const { client } = clientFor(sim());
    const info = await client.findCustomer('wxid_8k2m4n6p0q1r3s', 3430);
    expect(info).toEqual({ wxid: 'wxid_8k2m4n6p0q1r3s', nick: '周老师', remark: '周老师(复购3次)', wechatNo: 'zhou_laoshi88' });
    expect(hits(sim(), FANS)[0]?.body).toEqual({ wechatId: 3430, fansKe: 'wxid_8k2m4n6p0q1r3s' });
  });

  it('answers null for a customer the account has no friend record of', async () => {
    const { client } = clientFor(sim());
    expect(await client.findCustomer('wxid_stranger', 3430)).toBeNull();
  });

  it('turns a server error into a typed error, not a null', async () => {
    sim().admin.injectFault({ kind: 'business', errmsg: 200011, path: FANS });
    const { client } = clientFor(sim());
    expect(await rejection(client.findCustomer('wxid_8k2m4n6p0q1r3s', 3430))).toBeInstanceOf(BusinessError);
  });

  it('never puts a stranger’s name on a customer when the server ignores the filter', async () => {
    const stub = await startStub((_req, res) => sendJson(res, envelope([{ fansKey: 'wxid_other', fansName: '别人' }, { fansKey: 'wxid_me', nickName: '我' }])));
    const { client } = testClient(stubConfig(stub));
    expect(await client.findCustomer('wxid_me', 1)).toMatchObject({ nick: '我', remark: null });
    expect(await client.findCustomer('wxid_third', 1)).toBeNull();
  });
});

describe('activateConversation (ActivationConversation)', () => {
  const sim = useSimulator();

  it('switches the session with the documented field names and never forces attribution', async () => {
    const { client } = clientFor(sim());
    await expect(client.activateConversation({ customer: 'wxid_8k2m4n6p0q1r3s', accountId: 3430, staff: 'b08' })).resolves.toEqual({ message: null });
    expect(hits(sim(), ACTIVATE)[0]?.body).toEqual({
      ad_friend_wenober: 'wxid_8k2m4n6p0q1r3s',
      ad_wechat_id: 3430,
      staff_code: 'b08',
      enforceAttribution: 0,
      activationType: 0,
      switchSession: 1,
      content: '',
    });
    expect(sim().admin.activations()).toHaveLength(1);
  });

  it('reports the server’s refusal as a business error with its code', async () => {
    const { client } = clientFor(sim());
    const e = await rejection(client.activateConversation({ customer: 'wxid_stranger', accountId: 3430, staff: 'b08' }));
    expect(e).toBeInstanceOf(BusinessError);
    expect((e as BusinessError).code).toBe(200009);
  });

  it('refuses locally when the todo names no customer or account', async () => {
    const { client } = clientFor(sim());
    expect(await rejection(client.activateConversation({ customer: ' ', accountId: 3430, staff: 'b08' }))).toBeInstanceOf(InvalidRequestError);
    expect(await rejection(client.activateConversation({ customer: 'wxid_x', accountId: null, staff: 'b08' }))).toBeInstanceOf(InvalidRequestError);
    expect(hits(sim(), ACTIVATE)).toHaveLength(0);
  });

  it('accepts any values in the usual envelope, and logs the raw text of anything else', async () => {
    let answer: unknown = envelope({ errdesc: '会话已切换' });
    const stub = await startStub((_req, res) => sendJson(res, answer));
    const { client, rec } = testClient(stubConfig(stub));
    await expect(client.activateConversation({ customer: 'wxid_a', accountId: 1, staff: 'b08' })).resolves.toEqual({ message: '会话已切换' });
    answer = { ok: 'switched-maybe' };
    expect(await rejection(client.activateConversation({ customer: 'wxid_a', accountId: 1, staff: 'b08' }))).toBeInstanceOf(BadResponseError);
    expect(rec.logs.some((l) => l.includes('raw text') && l.includes('switched-maybe'))).toBe(true);
  });
});

describe('addTodo (AddRecordNew) for a follow-up', () => {
  const sim = useSimulator({}, { demoData: false });

  it('creates the todo for the recipients and returns the id the list then shows', async () => {
    const { client } = clientFor(sim());
    const id = await client.addTodo({
      customer: 'wxid_8k2m4n6p0q1r3s',
      accountKind: 0,
      accountId: 3430,
      title: '再跟进: 确认收货',
      content: '问一下物流',
      remindAt: new Date(Date.now() + 3600_000).toISOString(),
      recipients: ['b11'],
      creator: 'b08',
    });
    const todo = await client.getTodo(id);
    expect(todo).toMatchObject({ id, title: '再跟进: 确认收货', recipients: ['b11'], creator: 'b08', customer: 'wxid_8k2m4n6p0q1r3s' });
    expect(hits(sim(), '/v2/Todo/AddRecordNew')[0]?.body).toMatchObject({ Weixin: 'wxid_8k2m4n6p0q1r3s', From: 0, AdWecharId: 3430, Recipient: ['b11'], SffId: 'b08' });
  });
});
