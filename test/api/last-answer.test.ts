/**
 * A call repeated on a timer (a page of the poll's list) is given its last answer: when
 * an answer's text from its `values` member on is byte for byte the last one's (each
 * answer has its own msgTime), its values are the very same objects, not a new parse of
 * them; the envelope is still checked, and any other answer is read as ever. Real
 * loopback server, real undici transport.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createV2Caller, type V2Caller } from '../../electron/main/api/call';
import { LastAnswer } from '../../electron/main/api/last-answer';
import { createHttpTransport } from '../../electron/main/api/http';
import { createTokenSource } from '../../electron/main/api/token';
import { LIST, envelope, exchangeOptions, rejection, startStub, track } from './harness';

type Answer = { status: number; body: string };

/** A caller on a stub that gives the answers queued in `answers`, one per list request. */
async function callerFor(answers: Answer[]): Promise<V2Caller> {
  const stub = track(
    await startStub((_req, res: ServerResponse) => {
      const a = answers.shift() ?? { status: 500, body: '' };
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
    }),
  );
  const transport = track(createHttpTransport(exchangeOptions()));
  const log = () => {};
  const tokens = createTokenSource({ tokenUrl: stub.tokenUrl, clientId: 'c', clientSecret: 's', transport, now: Date.now, log });
  return createV2Caller({ baseUrl: stub.url, tenantId: null, transport, tokens, log });
}

const items = (titles: string[]) => titles.map((remindTitle, i) => ({ id: i + 1, remindTitle }));
const page = (titles: string[]) => JSON.stringify(envelope(items(titles)));
/** The documented envelope, members in the documented order, with its own msgTime. */
const stamped = (msgTime: string, values: unknown, head = '"errmsg":20000,"succeed":true') =>
  `{"requestId":null,${head},"msgTime":"${msgTime}","values":${JSON.stringify(values)},"errdesc":null}`;
const listCall = (last: LastAnswer) => ({ method: 'POST' as const, path: LIST, body: { pageIndex: 1 }, last });

describe('the last answer of a repeated call', () => {
  it('an answer identical to the last one gives back the same values, not a new reading of them', async () => {
    const text = page(['a', 'b']);
    const call = await callerFor([
      { status: 200, body: text },
      { status: 200, body: text },
      { status: 200, body: page(['a', 'c']) },
    ]);
    const last = new LastAnswer();
    const first = await call(listCall(last));
    const second = await call(listCall(last));
    expect(second).toBe(first);
    const third = await call(listCall(last));
    expect(third).not.toBe(first);
    expect(third).toEqual([
      { id: 1, remindTitle: 'a' },
      { id: 2, remindTitle: 'c' },
    ]);
  });

  it('a changed answer is checked as ever: an error envelope or a body that is not JSON fails, and the last good answer stays', async () => {
    const text = page(['a']);
    const call = await callerFor([
      { status: 200, body: text },
      { status: 200, body: JSON.stringify({ errmsg: 10001, succeed: false, values: null, errdesc: 'bad' }) },
      { status: 200, body: text.slice(0, -1) },
      { status: 200, body: text },
    ]);
    const last = new LastAnswer();
    const first = await call(listCall(last));
    expect(await rejection(call(listCall(last)))).toMatchObject({ kind: 'business', code: 10001 });
    expect(await rejection(call(listCall(last)))).toMatchObject({ kind: 'bad-response' });
    expect(await call(listCall(last))).toBe(first);
  });

  it('an answer that differs only in its msgTime gives back the same values; the envelope is still checked', async () => {
    const values = items(['a', 'b']);
    const call = await callerFor([
      { status: 200, body: stamped('2024-08-07T15:30:23.0568873+08:00', values) },
      { status: 200, body: stamped('2024-08-07T15:31:24.1+08:00', values) },
      { status: 200, body: stamped('2024-08-07T15:32:25.2+08:00', values, '"errmsg":10001,"succeed":false') },
      { status: 200, body: stamped('2024-08-07T15:33:26.35+08:00', values, '"errmsg":20000,  "succeed" : true, "note":{"x":["]"]}') },
    ]);
    const last = new LastAnswer();
    const first = await call(listCall(last));
    expect(first).toEqual(values);
    expect(await call(listCall(last))).toBe(first);
    expect(await rejection(call(listCall(last)))).toMatchObject({ kind: 'business', code: 10001 });
    expect(await call(listCall(last))).toBe(first);
  });

  it('the same text behind another member, or behind an escaped key, is read as JSON.parse reads it', async () => {
    const values = items(['a']);
    const tail = `${JSON.stringify(values)},"errdesc":null}`;
    const call = await callerFor([
      { status: 200, body: stamped('t1', values) },
      // The last values' text, but as the value of "other": this envelope has no values, so it is no envelope.
      { status: 200, body: `{"errmsg":20000,"succeed":true,"msgTime":"t2","other":${tail}` },
      { status: 200, body: stamped('t3', values) },
      // An escaped spelling of "values" before the real one: JSON.parse keeps the last.
      { status: 200, body: `{"errmsg":20000,"succeed":true,"\u0076alues":[1],"msgTime":"t4","values":${tail}` },
      // …and after it: this envelope's values are [2].
      { status: 200, body: `{"errmsg":20000,"succeed":true,"msgTime":"t5","values":${JSON.stringify(values)},"\u0076alues":[2],"errdesc":null}` },
    ]);
    const last = new LastAnswer();
    await call(listCall(last));
    expect(await rejection(call(listCall(last)))).toMatchObject({ kind: 'bad-response' });
    const third = await call(listCall(last));
    expect(third).toEqual(values);
    const fourth = await call(listCall(last));
    expect(fourth).toEqual(values);
    expect(await call(listCall(last))).toEqual([2]);
  });

  it('the same bytes with a status other than 2xx are not the last answer', async () => {
    const text = page(['a']);
    const call = await callerFor([
      { status: 200, body: text },
      { status: 404, body: text },
      { status: 403, body: text },
    ]);
    const last = new LastAnswer();
    await call(listCall(last));
    expect(await rejection(call(listCall(last)))).toMatchObject({ kind: 'server', code: 404 });
    expect(await rejection(call(listCall(last)))).toMatchObject({ kind: 'auth' });
  });
});
