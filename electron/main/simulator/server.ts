/**
 * Request routing for the simulator: the SSO token endpoint, the v2 Todo and
 * System endpoints, and the admin API. Order per request: admin API (never
 * faulted) → read body → log → injected faults → 404/405 → auth → TenantId →
 * JSON body → endpoint.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { activate } from './activation';
import { readAddRecord } from './add-record';
import { handleAdminHttp } from './admin';
import { BusinessError, ERR, errorEnvelope, okEnvelope } from './envelope';
import { fansList } from './fans';
import { respondWithFault } from './faults';
import { BodyTooLarge, readBody, sendJson, sendText } from './http-io';
import type { SimState } from './state';
import { departGroupList, departList, staffList } from './system';
import { readFilter, readPage, type Body } from './todo-query';
import type { RequestLogEntry, SimAdmin } from './types';

type V2Handler = (state: SimState, body: Body) => unknown;

interface Route {
  path: string;
  method: 'GET' | 'POST';
  /** undefined = the token endpoint, which speaks OAuth2 rather than the envelope. */
  v2?: V2Handler;
}

const ROUTES: readonly Route[] = [
  { path: '/connect/token', method: 'POST' },
  {
    path: '/v2/Todo/GetChargeDaffairesList',
    method: 'POST',
    v2: (s, body) => {
      const filter = readFilter(body);
      const { pageIndex, pageSize } = readPage(body);
      return s.table.page(filter, pageIndex, pageSize, s.paging);
    },
  },
  { path: '/v2/Todo/GetChargeDaffairesCount', method: 'POST', v2: (s, body) => s.table.count(readFilter(body)) },
  { path: '/v2/Todo/AddRecordNew', method: 'POST', v2: (s, body) => addRecord(s, body, 'new').id },
  { path: '/v2/Todo/AddRecord', method: 'POST', v2: (s, body) => (addRecord(s, body, 'plain'), true) },
  { path: '/v2/System/GetDepartList', method: 'GET', v2: () => departList() },
  { path: '/v2/System/GetDepartGroupList', method: 'POST', v2: (_s, body) => departGroupList(body) },
  { path: '/v2/System/GetStaffList', method: 'POST', v2: (_s, body) => staffList(body) },
  { path: '/v2/Friend/GetFansList', method: 'POST', v2: (s, body) => fansList(s.fans, body) },
  {
    path: '/v2/ChatMess/ActivationConversation',
    method: 'POST',
    v2: (s, body) => {
      s.activations.push(activate(s.fans, body, s.now()));
      if (s.activations.length > 500) s.activations.shift();
      return true;
    },
  },
];

function addRecord(s: SimState, body: Body, variant: 'new' | 'plain'): { id: number } {
  const row = readAddRecord(body, s.table.nextId(), s.now(), s.subMs(), variant);
  s.table.insert(row);
  return row;
}

/** ASP.NET Core routes case-insensitively, so the simulator does too. */
function findRoutes(path: string): Route[] {
  const lower = path.toLowerCase();
  return ROUTES.filter((r) => r.path.toLowerCase() === lower);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function redactAuthorization(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\S+)\s+\S/.exec(value.trim());
  return m ? `${m[1]} [redacted]` : value;
}

/** The client_secret never reaches the log, whichever way a client happened to encode it. */
function loggedBody(text: string): unknown {
  if (text === '') return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'client_secret' in parsed) {
      return { ...(parsed as Record<string, unknown>), client_secret: '[redacted]' };
    }
    return parsed;
  } catch {
    // not JSON: fall through
  }
  if (/^[^=&\s]+=/.test(text)) {
    const form = Object.fromEntries(new URLSearchParams(text));
    if ('client_secret' in form) form['client_secret'] = '[redacted]';
    return form;
  }
  return text.length > 10_000 ? `${text.slice(0, 10_000)}…` : text;
}

export interface Handler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** Ends pending latency waits so close() does not hang on them. */
  cancelWaits(): void;
}

export function createHandler(state: SimState, admin: SimAdmin): Handler {
  const waits = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          waits.delete(entry);
          resolve();
        }, ms),
        done: resolve,
      };
      waits.add(entry);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const path = url.pathname;
    if (path === '/_admin' || path.startsWith('/_admin/')) {
      await handleAdminHttp(req, res, path, admin);
      return;
    }

    const method = req.method ?? 'GET';
    const contentType = header(req, 'content-type');
    const isForm = (contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
    const entry: RequestLogEntry = {
      method,
      path,
      status: 0,
      body: null,
      at: state.now(),
      headers: {},
    };
    const authorization = redactAuthorization(header(req, 'authorization'));
    const tenantId = header(req, 'tenantid');
    if (authorization !== undefined) entry.headers.authorization = authorization;
    if (tenantId !== undefined) entry.headers.tenantId = tenantId;
    if (contentType !== undefined) entry.headers.contentType = contentType;
    state.log.push(entry);

    let text: string;
    try {
      text = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLarge) entry.status = sendText(res, 413, 'request body too large', { Connection: 'close' });
      return;
    }
    entry.body = loggedBody(text);

    const { delayMs, fault } = state.faults.take(path);
    if (delayMs > 0) await sleep(delayMs);
    if (res.destroyed) return;
    if (fault) {
      entry.status = await respondWithFault(fault, res, path, state.now());
      return;
    }

    const candidates = findRoutes(path);
    const route = candidates.find((r) => r.method === method);
    if (!route) {
      entry.status =
        candidates.length > 0
          ? sendText(res, 405, 'method not allowed', { Allow: candidates.map((r) => r.method).join(', ') })
          : sendText(res, 404, 'not found');
      return;
    }
    entry.status = route.v2 ? answerV2(state, route.v2, req, res, text, contentType) : answerToken(state, req, res, text, isForm);
  };

  const handler = ((req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      // A simulator bug: answer 500 rather than leave the client hanging, and say so once on stderr.
      process.stderr.write(`simulator: internal error on ${req.method} ${req.url}: ${e instanceof Error ? e.message : String(e)}\n`);
      if (!res.headersSent && !res.destroyed) sendText(res, 500, 'internal simulator error');
    });
  }) as Handler;
  handler.cancelWaits = () => {
    for (const w of waits) {
      clearTimeout(w.timer);
      w.done();
    }
    waits.clear();
  };
  return handler;
}

function answerToken(state: SimState, req: IncomingMessage, res: ServerResponse, text: string, isForm: boolean): number {
  const noStore = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
  if (!isForm) return sendJson(res, 400, { error: 'invalid_request', error_description: 'form-urlencoded body expected' }, noStore);
  let basic: { id: string; secret: string } | undefined;
  const auth = header(req, 'authorization');
  if (auth && /^basic\s+/i.test(auth)) {
    const decoded = Buffer.from(auth.replace(/^basic\s+/i, ''), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    try {
      // RFC 6749 §2.3.1: both halves are form-urlencoded before base64.
      if (colon >= 0) basic = { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
    } catch {
      return sendJson(res, 400, { error: 'invalid_client' }, noStore);
    }
  }
  const result = state.tokens.grant(new URLSearchParams(text), basic);
  return sendJson(res, result.ok ? 200 : 400, result.body, noStore);
}

function answerV2(
  state: SimState,
  run: V2Handler,
  req: IncomingMessage,
  res: ServerResponse,
  text: string,
  contentType: string | undefined,
): number {
  const now = state.now();
  // The doc generator sends `Authorization: Bearer` with no token; that counts as missing.
  const auth = (header(req, 'authorization') ?? '').trim();
  const bearer = /^bearer(?:\s+(.*))?$/i.exec(auth);
  const token = bearer ? (bearer[1] ?? '').trim() : auth === '' ? '' : null;
  if (token === '') return sendJson(res, 200, errorEnvelope(now, ERR.tokenMissing));
  if (token === null || state.tokens.check(token) !== 'ok') return sendJson(res, 200, errorEnvelope(now, ERR.tokenInvalid));

  // Likewise an empty TenantId header is the generator's artefact, not a tenant.
  const tenant = (header(req, 'tenantid') ?? '').trim();
  if (tenant !== '' && !state.tenants.includes(tenant)) {
    return sendJson(res, 200, errorEnvelope(now, ERR.badParams, `用户传参错误: 租户 ${tenant} 不存在`));
  }

  let body: Body = {};
  if (req.method === 'POST') {
    // ASP.NET's [FromBody] refuses anything that is not declared JSON before it reaches the action.
    if (!/^application\/([\w.+-]*\+)?json\b/i.test(contentType ?? '')) {
      return sendText(res, 415, 'unsupported media type: send Content-Type: application/json');
    }
    if (text.trim() !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return sendJson(res, 200, errorEnvelope(now, ERR.badParams, '用户传参错误: 请求体不是合法的 JSON'));
      }
      if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
        return sendJson(res, 200, errorEnvelope(now, ERR.badParams, '用户传参错误: 请求体应为 JSON 对象'));
      }
      body = (parsed ?? {}) as Body;
    }
  }

  try {
    return sendJson(res, 200, okEnvelope(now, run(state, body)));
  } catch (e) {
    if (e instanceof BusinessError) return sendJson(res, 200, errorEnvelope(now, e.errmsg, e.errdesc));
    throw e;
  }
}
