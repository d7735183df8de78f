/**
 * A call repeated on a timer (a page of the poll's list) is given its last answer: an
 * answer that comes back byte for byte is not parsed and checked again, and its values
 * are the very same; any other answer is read as ever, envelope checks and all. Real
 * loopback server, real undici transport.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { LastAnswer, createV2Caller, type V2Caller } from '../../electron/main/api/call';
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

const page = (titles: string[]) => JSON.stringify(envelope(titles.map((remindTitle, i) => ({ id: i + 1, remindTitle }))));
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
