/**
 * The admin API: lets tests and the demo change the server's world (todos, faults,
 * paging, token validity), both in-process (SimAdmin) and over HTTP under /_admin/.
 * It is never faulted and never appears in the request log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatChinaTime } from './china-time';
import { MERCHANT_ID } from './directory';
import { BodyTooLarge, readBody, sendEmpty, sendJson } from './http-io';
import { readFanInput } from './fans';
import { reseed, type SimState } from './state';
import { validateFault } from './faults';
import type { SimAdmin, WireTodo } from './types';

/** status: what the admin HTTP API answers when this is thrown (400 bad input, 404 unknown id). */
export class SimAdminError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}

/**
 * Applies input onto a row. No validation beyond the id: the admin API exists to
 * put odd data (type drift, junk colours, bad recipientData) in front of clients.
 * A key set to undefined is removed, which is how a row loses its remindTime.
 */
function apply(row: WireTodo, input: Partial<WireTodo>): WireTodo {
  const out: WireTodo = { ...row, ...input };
  // Even a required key may go (odd data on purpose): the row then lacks what its type promises.
  for (const [key, value] of Object.entries(input)) if (value === undefined) Reflect.deleteProperty(out, key);
  return out;
}

/** Runs a check that throws TypeError on junk input; the throw becomes the admin API's 400. */
function checked<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    throw new SimAdminError(e instanceof Error ? e.message : String(e));
  }
}

export function createAdmin(state: SimState): SimAdmin {
  const { table } = state;
  const existing = (id: number): WireTodo => {
    const row = table.get(id);
    if (!row) throw new SimAdminError(`unknown todo id ${id}`, 404);
    return row;
  };
  const update = (id: number, patch: Partial<WireTodo>): WireTodo => {
    const row = existing(id);
    if ('id' in patch && patch.id !== id) throw new SimAdminError('the id of a todo cannot change');
    const next = apply(row, patch);
    table.set(next);
    return structuredClone(next);
  };

  return {
    addTodo(input) {
      if (typeof input?.remindTitle !== 'string') throw new SimAdminError('remindTitle (string) is required');
      let id = table.nextId();
      if (input.id !== undefined) {
        if (!Number.isSafeInteger(input.id) || input.id < 1) throw new SimAdminError('id must be a positive integer');
        if (table.has(input.id)) throw new SimAdminError(`todo ${input.id} already exists`);
        id = input.id;
      }
      const now = state.now();
      const defaults: WireTodo = {
        id,
        weixin: 'wxid_8k2m4n6p0q1r3s',
        merchantId: MERCHANT_ID,
        sffId: 'b03',
        remindTitle: input.remindTitle,
        followupsiTuation: null,
        remindTime: formatChinaTime(now, 0),
        isAlways: false,
        sate: 0,
        recipientData: JSON.stringify([state.demoStaff]),
        addTime: formatChinaTime(now, 7, state.subMs()),
        wecharId: 3430,
        from: 0,
        levelColor: '#1e90ff',
        levelName: '普通',
        eventType: 0,
        ad_wechat_nober: 'kkk368555',
        ad_wechat_nick: '个微P06',
      };
      // An item spelled the schema's way should not also carry the ad_ names.
      if (('wechatNober' in input || 'wechatNick' in input) && !('ad_wechat_nober' in input || 'ad_wechat_nick' in input)) {
        delete defaults.ad_wechat_nober;
        delete defaults.ad_wechat_nick;
      }
      return table.insert(apply(defaults, { ...input, id }));
    },
    updateTodo: update,
    handle: (id) => update(id, { sate: 1 }),
    cancel: (id) => update(id, { sate: 2 }),
    remove(id) {
      if (!table.delete(id)) throw new SimAdminError(`unknown todo id ${id}`, 404);
    },
    todos: () => table.all(),
    reset(opts = {}) {
      if (opts.seed !== undefined && !(Number.isInteger(opts.seed) && opts.seed >= 0 && opts.seed <= 0xffffffff)) {
        throw new SimAdminError('seed must be an integer 0..4294967295');
      }
      if (opts.demoData !== undefined && typeof opts.demoData !== 'boolean') throw new SimAdminError('demoData must be a boolean');
      const seed = opts.seed ?? state.initial.seed;
      const demoData = opts.demoData ?? state.initial.demoData;
      reseed(state, seed, demoData);
      state.faults.clear();
      state.paging = { cap: null, ignorePageIndex: false };
      state.log.clear();
    },
    injectFault(fault) {
      checked(() => state.faults.inject(fault));
    },
    clearFaults: () => state.faults.clear(),
    expireTokens: () => state.tokens.expireAll(),
    setPaging(p) {
      const next = { ...state.paging };
      if (p.cap !== undefined) {
        if (p.cap !== null && (!Number.isSafeInteger(p.cap) || p.cap < 1)) throw new SimAdminError('cap must be a positive integer or null');
        next.cap = p.cap;
      }
      if (p.ignorePageIndex !== undefined) {
        if (typeof p.ignorePageIndex !== 'boolean') throw new SimAdminError('ignorePageIndex must be a boolean');
        next.ignorePageIndex = p.ignorePageIndex;
      }
      state.paging = next;
    },
    requestLog: () => state.log.entries(),
    fans: () => state.fans.all(),
    addFan(input) {
      return checked(() => state.fans.upsert(readFanInput({ ...input })));
    },
    removeFan(accountId, fansKey) {
      if (!state.fans.remove(accountId, fansKey)) throw new SimAdminError(`no fan ${fansKey} on account ${accountId}`, 404);
    },
    activations: () => structuredClone(state.activations),
  };
}

// ---- HTTP -------------------------------------------------------------------


type Route = { method: string; pattern: RegExp; run: (admin: SimAdmin, body: Record<string, unknown>, id: number) => [number, unknown] };

/**
 * JSON has no undefined, so over HTTP a key is removed by listing it in `$unset`
 * (`{"$unset":["remindTime"]}`); `null` is stored as null, like any other value.
 */
function toPatch(body: Record<string, unknown>): Partial<WireTodo> {
  const { $unset, ...rest } = body;
  const patch: Record<string, unknown> = { ...rest };
  if ($unset !== undefined) {
    if (!Array.isArray($unset) || !$unset.every((k) => typeof k === 'string')) throw new SimAdminError('$unset must be an array of keys');
    for (const key of $unset) patch[key] = undefined;
  }
  return patch as Partial<WireTodo>;
}

function noContent(action: () => void): [number, unknown] {
  action();
  return [204, null];
}

const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: /^\/_admin\/todos$/, run: (a) => [200, a.todos()] },
  { method: 'POST', pattern: /^\/_admin\/todos$/, run: (a, b) => [201, a.addTodo(toPatch(b) as Partial<WireTodo> & { remindTitle: string })] },
  { method: 'PATCH', pattern: /^\/_admin\/todos\/(\d+)$/, run: (a, b, id) => [200, a.updateTodo(id, toPatch(b))] },
  { method: 'DELETE', pattern: /^\/_admin\/todos\/(\d+)$/, run: (a, _b, id) => noContent(() => a.remove(id)) },
  { method: 'POST', pattern: /^\/_admin\/todos\/(\d+)\/handle$/, run: (a, _b, id) => [200, a.handle(id)] },
  { method: 'POST', pattern: /^\/_admin\/todos\/(\d+)\/cancel$/, run: (a, _b, id) => [200, a.cancel(id)] },
  { method: 'POST', pattern: /^\/_admin\/faults$/, run: (a, b) => noContent(() => a.injectFault(checked(() => validateFault(b)))) },
  { method: 'DELETE', pattern: /^\/_admin\/faults$/, run: (a) => noContent(() => a.clearFaults()) },
  { method: 'POST', pattern: /^\/_admin\/expire-tokens$/, run: (a) => noContent(() => a.expireTokens()) },
  { method: 'POST', pattern: /^\/_admin\/paging$/, run: (a, b) => noContent(() => a.setPaging(b as { cap?: number | null; ignorePageIndex?: boolean })) },
  { method: 'POST', pattern: /^\/_admin\/reset$/, run: (a, b) => noContent(() => a.reset(b as { demoData?: boolean; seed?: number })) },
  { method: 'GET', pattern: /^\/_admin\/requests$/, run: (a) => [200, a.requestLog()] },
  { method: 'GET', pattern: /^\/_admin\/fans$/, run: (a) => [200, a.fans()] },
  { method: 'POST', pattern: /^\/_admin\/fans$/, run: (a, b) => [201, a.addFan(checked(() => readFanInput(b)))] },
  { method: 'GET', pattern: /^\/_admin\/activations$/, run: (a) => [200, a.activations()] },
];

function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.'));
}

export async function handleAdminHttp(req: IncomingMessage, res: ServerResponse, path: string, admin: SimAdmin): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) {
    sendJson(res, 403, { error: 'the admin API only answers on loopback' });
    return;
  }
  // No CORS, and more: browsers send Origin on every cross-origin request (and on
  // same-origin POSTs), so a web page of any origin, including another local port, is
  // refused before anything is read or changed. Tools and tests send no Origin.
  if (req.headers.origin !== undefined) {
    sendJson(res, 403, { error: 'the admin API does not answer web pages' });
    return;
  }
  const method = req.method ?? 'GET';
  const candidates = ROUTES.filter((r) => r.pattern.test(path));
  const route = candidates.find((r) => r.method === method);
  if (!route) {
    if (candidates.length > 0) sendJson(res, 405, { error: 'method not allowed' }, { Allow: candidates.map((r) => r.method).join(', ') });
    else sendJson(res, 404, { error: `no admin route ${path}` });
    return;
  }
  let body: Record<string, unknown> = {};
  try {
    const text = await readBody(req);
    if (text.trim() !== '') {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new SimAdminError('body must be a JSON object');
      body = parsed as Record<string, unknown>;
    }
  } catch (e) {
    const status = e instanceof BodyTooLarge ? 413 : 400;
    sendJson(res, status, { error: e instanceof SimAdminError ? e.message : 'body is not valid JSON' });
    return;
  }
  const id = Number(route.pattern.exec(path)?.[1] ?? 0);
  try {
    const [status, out] = route.run(admin, body, id);
    if (status === 204) sendEmpty(res, 204);
    else sendJson(res, status, out);
  } catch (e) {
    if (e instanceof SimAdminError) sendJson(res, e.status, { error: e.message });
    else throw e;
  }
}
