/**
 * createYoumiClient: the Youmi open API as the app needs it. Electron-free; the window,
 * the CLI and the tests all use this one implementation.
 */
import type { StaffMember } from '../../../shared/contract/types';
import { createActivation } from './activation';
import type { Todo } from '../../../shared/todo';
import { createV2Caller } from './call';
import { LastAnswer } from './last-answer';
import { findCustomer } from './customer';
import { SETTING_LABELS, resolveConfig } from './config';
import { BadResponseError, ConfigError, InvalidRequestError } from './errors';
import { withinDeadline } from './deadline';
import { createHttpTransport } from './http';
import { ItemMemo } from './item-memo';
import { isMine } from './mine';
import { fetchAllPages } from './paging';
import { normaliseColour } from './parse';
import { Redactor } from './redact';
import { parseDepartments, parseStaffList } from './staff';
import { formatChinaTime, parseWireTimeMs } from '../../../shared/wire-time';
import { createTokenSource } from './token';
import type { Department, ListResult, NewTodo, TodoFilter, YoumiClient, YoumiConfig } from './types';
import { WireRecord, asInt, isPlainObject, preview } from './wire';

export const PATHS = {
  list: '/v2/Todo/GetChargeDaffairesList',
  count: '/v2/Todo/GetChargeDaffairesCount',
  add: '/v2/Todo/AddRecordNew',
  departments: '/v2/System/GetDepartList',
  staff: '/v2/System/GetStaffList',
} as const;

/** The client plus what only diagnostics need. */
export interface YoumiConnection extends YoumiClient {
  /** Obtains (or reuses) an access token; the token itself never leaves the client. */
  checkToken(): Promise<{ expiresInSec: number }>;
}

function filterBody(filter: TodoFilter): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

/** Count in `values`: a number, a numeric string, or {count}/{total}. */
function readCount(values: unknown): number {
  const n = isPlainObject(values) ? asInt(new WireRecord(values).get('count', 'total')) : asInt(values);
  if (n === null || n < 0) throw new BadResponseError(`GetChargeDaffairesCount: values is not a count (${preview(values)})`);
  return n;
}

/** The new record's number in `values`: a number, a numeric string or {id}. */
function readNewId(values: unknown): number {
  const n = isPlainObject(values) ? asInt(new WireRecord(values).get('id', 'chargeDaffairesId')) : asInt(values);
  if (n === null || n <= 0) {
    // The todo exists now; saying "failed" would invite a retry and a duplicate.
    throw new BadResponseError(`AddRecordNew: the todo was created but the response carries no id (${preview(values)})`);
  }
  return n;
}

function addRecordBody(todo: NewTodo, now: number): Record<string, unknown> {
  const customer = todo.customer.trim();
  const title = todo.title.trim();
  if (!customer) throw new InvalidRequestError('a new todo needs the customer (Weixin)');
  if (!title) throw new InvalidRequestError('a new todo needs a title');
  if (![0, 1, 2, 3].includes(todo.accountKind)) throw new InvalidRequestError('account kind must be 0, 1, 2 or 3');
  if (!Number.isSafeInteger(todo.accountId) || todo.accountId <= 0) {
    throw new InvalidRequestError('account id must be a positive integer');
  }
  const remindMs = parseWireTimeMs(todo.remindAt);
  if (remindMs === null) throw new InvalidRequestError('remind time is not a valid time');
  // The API refuses times earlier than now; a second of slack covers the trip there.
  if (remindMs < now - 1000) throw new InvalidRequestError('remind time is in the past');
  const body: Record<string, unknown> = {
    Weixin: customer,
    From: todo.accountKind,
    RemindTitle: title,
    FollowupsiTuation: todo.content,
    RemindTime: formatChinaTime(remindMs),
    IsAlways: todo.isAlways ? 1 : 0,
    AdWecharId: todo.accountId,
  };
  if (todo.creator?.trim()) body.SffId = todo.creator.trim();
  if (todo.recipients) body.Recipient = todo.recipients.map((r) => r.trim()).filter((r) => r !== '');
  if (todo.levelColor !== undefined) {
    const colour = normaliseColour(todo.levelColor);
    if (colour === null) throw new InvalidRequestError('level colour must be #rgb or #rrggbb');
    body.LevelColor = colour;
  }
  if (todo.levelName !== undefined) body.LevelName = todo.levelName.trim();
  if (todo.eventType !== undefined) body.EventType = todo.eventType;
  return body;
}

/** What a repeated listing keeps of the last one. Its page answers are read by the paging, never changed. */
interface ListMemo {
  /** By pageIndex. */
  pages: LastAnswer[];
  items: ItemMemo;
}

function pageAnswer(memo: ListMemo, pageIndex: number): LastAnswer {
  let last = memo.pages[pageIndex];
  if (!last) {
    last = new LastAnswer();
    memo.pages[pageIndex] = last;
  }
  return last;
}

export function createYoumiClient(config: Partial<YoumiConfig>): YoumiConnection {
  const cfg = resolveConfig(config);
  const redactor = new Redactor();
  redactor.add(cfg.clientSecret);
  const log = (line: string): void => cfg.log(redactor.apply(line));

  const raw = createHttpTransport({ ...cfg.http, log });
  const transport = config.wrapTransport ? config.wrapTransport(raw) : raw;
  const tokens = createTokenSource({
    tokenUrl: cfg.tokenUrl,
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    transport,
    now: cfg.now,
    log,
    onToken: (token) => redactor.add(token),
  });
  const callOptions = { baseUrl: cfg.baseUrl, tenantId: cfg.tenantId, transport, tokens, log };
  const call = createV2Caller(callOptions);
  const activation = createActivation(callOptions);

  /** Every public method ends here, so nothing leaves with a secret in it. */
  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw redactor.scrub(e);
    }
  }

  const countTodos = (filter: TodoFilter): Promise<number> =>
    guarded(async () => readCount(await call({ method: 'POST', path: PATHS.count, body: filterBody(filter) })));

  // The poll's list, read again every minute or so: a page whose items come back byte for
  // byte as last time is not parsed again, and unchanged items of a changed page are not either.
  const myOpen: ListMemo = { pages: [], items: new ItemMemo() };

  const listTodos = (filter: TodoFilter, memo?: ListMemo): Promise<ListResult> =>
    guarded(() =>
      withinDeadline(cfg.syncDeadlineMs, 'listing the todos', async () => {
        const result = await fetchAllPages({
          pageSize: cfg.pageSize,
          fetchPage: (pageIndex, pageSize) =>
            call({
              method: 'POST',
              path: PATHS.list,
              body: { ...filterBody(filter), pageIndex, pageSize },
              ...(memo ? { last: pageAnswer(memo, pageIndex) } : {}),
            }),
          count: () => countTodos(filter),
          log,
          maxTodos: cfg.maxTodos,
          maxPages: cfg.maxPages,
          ...(memo ? { memo: memo.items } : {}),
        });
        // Pages past the end of a list that shrank are not kept.
        if (memo) memo.pages.length = Math.min(memo.pages.length, result.pages + 1);
        return result;
      }),
    );

  function staffCode(staff: string): string {
    const code = typeof staff === 'string' ? staff.trim() : '';
    if (!code) throw new ConfigError(`${SETTING_LABELS.staff} is not set`, 'staff');
    return code;
  }

  return {
    listTodos: (filter) => listTodos(filter),

    async listMyOpenTodos(staff) {
      const code = staffCode(staff);
      const result = await listTodos({ remindStaff: code, usersate: 0 }, myOpen);
      const mine: Todo[] = result.todos.filter((t) => isMine(t, code));
      const dropped = result.todos.length - mine.length;
      if (dropped > 0) log(`left out ${dropped} todos the server returned that are not open or not addressed to ${code}`);
      return { ...result, todos: mine };
    },

    async getTodo(id) {
      if (!Number.isSafeInteger(id) || id <= 0) throw new InvalidRequestError('todo id must be a positive integer');
      const { todos } = await listTodos({ chargeDaffairesId: id, usersate: -1 });
      // The server may ignore the id filter; only the todo with this id is an answer.
      return todos.find((t) => t.id === id) ?? null;
    },

    countTodos,

    addTodo: (todo) =>
      guarded(async () => {
        const body = addRecordBody(todo, cfg.now());
        return readNewId(await call({ method: 'POST', path: PATHS.add, body, idempotent: false }));
      }),

    listDepartments: (): Promise<Department[]> =>
      guarded(async () => parseDepartments(await call({ method: 'GET', path: PATHS.departments }), log)),

    listStaff: (opts = {}): Promise<StaffMember[]> =>
      guarded(async () => {
        const body = {
          departId: opts.departId ?? -1,
          departGroupId: opts.departGroupId ?? -1,
          staffState: opts.includeInactive ? 1 : 0,
        };
        return parseStaffList(await call({ method: 'POST', path: PATHS.staff, body }), log);
      }),

    findCustomer: (wxid, accountId) => guarded(() => findCustomer(call, wxid, accountId, log)),

    activateConversation: (req) => guarded(() => activation(req)),

    checkToken: () =>
      guarded(async () => {
        await tokens.get();
        const expiresAt = tokens.expiresAt() ?? cfg.now();
        return { expiresInSec: Math.max(0, Math.round((expiresAt - cfg.now()) / 1000)) };
      }),

    close: () => transport.close(),
  };
}
