/**
 * Acting on a todo (issue 9): who the customer is, 去跟进 (open the conversation), 再跟进…
 * (a follow-up todo for me), 新建待办, 转交给… (hand it to a colleague) and the 30-day
 * history. Composed by app.ts next to the todo service; it only reads the service's
 * snapshot and uses its public markDone/undoDone, so the service stays unaware of it.
 */
import { join } from 'node:path';
import type {
  ActivationResult,
  HistoryEntry,
  PeopleNames,
  ReminderEvent,
  Snapshot,
  StaffMember,
  TodoDraft,
  TodoView,
} from '../../../shared/contract/types';
import { fail, ok, type Result } from '../../../shared/errors';
import type { Todo } from '../../../shared/todo';
import type { YoumiConnection } from '../api/client';
import { InvalidRequestError, toAppError, YoumiError } from '../api/errors';
import { ActionBook } from '../service/action-book';
import { customerKey, PeopleCache } from '../service/people';
import type { Clock } from '../service/ports';
import { ChoiceError, resolveSnooze } from '../service/time-windows';

export interface ActDeps {
  dataDir: string | null;
  clock: Clock;
  log: (line: string) => void;
  /** One todo, open or closed, looked up without building a snapshot (a reminder names its customer per todo). */
  todo(id: number): Todo | undefined;
  markDone(ids: number[]): Result<null>;
  undoDone(ids: number[]): Result<null>;
  /** Pushes a fresh decorated snapshot to the windows (names or pending todos changed). */
  changed(): void;
}

export interface Connected {
  client: YoumiConnection | null;
  staff: string | null;
  scope: string;
}

/** Snapshot fields this module adds; optional in the contract so older hosts still type-check. */
export type Decorated = Snapshot & Required<Pick<Snapshot, 'names' | 'pending' | 'handoffs'>>;

/** The todo is not in this machine's list (the CLI then syncs once and retries). */
class TodoNotFound extends YoumiError {
  readonly kind = 'not-found' as const;
}

const KINDS = { wechat: 0, official: 1, miniprogram: 2, wecom: 3 } as const;

export function displayCustomer(names: PeopleNames, todo: Pick<TodoView, 'customer' | 'account'>): string | null {
  if (!todo.customer) return null;
  const info = names.customers[customerKey(todo.account.id, todo.customer)];
  return info ? info.remark || info.nick : null;
}

export function createActions(d: ActDeps) {
  let conn: Connected = { client: null, staff: null, scope: '' };
  const people = new PeopleCache({
    file: d.dataDir ? join(d.dataDir, 'people-cache.json') : null,
    clock: d.clock,
    log: d.log,
    onChange: () => d.changed(),
  });
  const book = new ActionBook(d.dataDir ? join(d.dataDir, 'actions.json') : null, () => d.clock.now());

  function connect(next: Connected): void {
    conn = next;
    people.setSource(next.client, next.scope);
    book.useScope(next.scope);
  }

  const findTodo = (id: number): Todo | undefined => d.todo(id);
  const staffName = (code: string): string | null => people.names().staff[code]?.name || null;

  /** Every snapshot leaving the app goes through here: it also queues name lookups (never waits). */
  function decorate(s: Snapshot): Decorated {
    people.want(s.todos);
    // Only todos created here wait for the sync to bring them: no set of 10,000 ids otherwise.
    if (book.pending().length > 0) book.reconcile(new Set(s.todos.map((t) => t.id)));
    return { ...s, names: people.names(), pending: book.pending(), handoffs: book.handoffs() };
  }

  /** The notification names the customer the way the window does: name first, WeChat id second. */
  function nameReminder(r: ReminderEvent): ReminderEvent {
    if (r.kind !== 'single' || r.todoIds.length !== 1) return r;
    const todo = findTodo(r.todoIds[0] as number);
    const info = todo?.customer ? people.known(todo.account.id, todo.customer) : null;
    const name = info ? info.remark || info.nick : null;
    if (!todo?.customer || !name) return r;
    const wxid = todo.customer;
    return { ...r, body: r.body.replace(/(客户：|Customer: )(\S+)/, (m, label: string, id: string) => (id === wxid ? `${label}${name} · ${wxid}` : m)) };
  }

  function needClient(): { client: YoumiConnection; staff: string } {
    if (!conn.client || !conn.staff) throw new InvalidRequestError('no account is connected (设置 → 连接友米)');
    return { client: conn.client, staff: conn.staff };
  }

  function needTodo(id: number): Todo {
    const todo = findTodo(id);
    if (!todo) throw new TodoNotFound(`todo #${id} is not in the list`);
    return todo;
  }

  function remindIso(choice: string): string {
    try {
      return new Date(resolveSnooze(choice, d.clock.now())).toISOString();
    } catch (e) {
      throw new InvalidRequestError(e instanceof ChoiceError ? e.message : String(e));
    }
  }

  async function create(draft: TodoDraft, recipients: string[]): Promise<number> {
    const { client, staff } = needClient();
    if (!draft.customer.trim()) throw new InvalidRequestError('a new todo needs the customer (WeChat id)');
    if (!draft.title.trim()) throw new InvalidRequestError('a new todo needs a title');
    const remindAt = remindIso(draft.remindAt);
    const id = await client.addTodo({
      customer: draft.customer,
      accountKind: draft.accountKind,
      accountId: draft.accountId,
      title: draft.title,
      content: draft.content,
      remindAt,
      isAlways: draft.isAlways,
      recipients,
      creator: staff,
      ...(draft.levelName ? { levelName: draft.levelName } : {}),
      ...(draft.levelColor ? { levelColor: draft.levelColor } : {}),
    });
    return id;
  }

  const guard = async <T>(fn: () => Promise<T>): Promise<Result<T>> => {
    try {
      return ok(await fn());
    } catch (e) {
      return fail(toAppError(e));
    }
  };

  function pendingOf(id: number, draft: TodoDraft, recipients: string[]) {
    return {
      id,
      title: draft.title.trim(),
      customer: draft.customer.trim(),
      accountId: draft.accountId,
      remindAt: remindIso(draft.remindAt),
      recipients,
      createdAt: new Date(d.clock.now()).toISOString(),
    };
  }

  const handlers = {
    openConversation: (todoId: number): Promise<Result<ActivationResult>> =>
      guard(async () => {
        const todo = needTodo(todoId);
        const { client, staff } = needClient();
        // Only the session switches: the todo is never marked done as a side effect.
        return client.activateConversation({ customer: todo.customer ?? '', accountId: todo.account.id, accountNo: todo.account.wechatNo, staff });
      }),

    followUp: (todoId: number, draft: TodoDraft): Promise<Result<{ id: number }>> =>
      guard(async () => {
        const todo = needTodo(todoId);
        const me = needClient().staff;
        const id = await create(draft, [me]);
        book.record(
          { kind: 'followup', todoId, title: todo.title, customer: todo.customer, newTodoId: id, note: draft.title.trim(), undoable: false },
          pendingOf(id, draft, [me]),
        );
        d.changed();
        return { id };
      }),

    createTodo: (draft: TodoDraft): Promise<Result<{ id: number }>> =>
      guard(async () => {
        const me = needClient().staff;
        const id = await create(draft, [me]);
        book.record({ kind: 'created', todoId: id, title: draft.title.trim(), customer: draft.customer.trim(), newTodoId: id, undoable: false }, pendingOf(id, draft, [me]));
        d.changed();
        return { id };
      }),

    handOff: (todoId: number, to: string, note: string): Promise<Result<{ id: number }>> =>
      guard(async () => {
        const todo = needTodo(todoId);
        const me = needClient().staff;
        const code = to.trim();
        if (!code) throw new InvalidRequestError('pick a colleague');
        if (code === me) throw new InvalidRequestError('a todo cannot be handed to yourself');
        const kind = todo.account.kind === 'unknown' ? null : KINDS[todo.account.kind];
        if (todo.account.id === null || kind === null) throw new InvalidRequestError('this todo names no operating account');
        const content = [note.trim(), todo.content?.trim()].filter(Boolean).join('\n');
        const draft: TodoDraft = {
          customer: todo.customer ?? '',
          accountId: todo.account.id,
          accountKind: kind,
          title: todo.title,
          content,
          // The colleague is reminded at the todo's own time, or now when that has passed.
          remindAt: todo.remindAt && Date.parse(todo.remindAt) > d.clock.now() + 60_000 ? todo.remindAt : '10m',
          isAlways: todo.isAlways,
          ...(todo.level.name ? { levelName: todo.level.name } : {}),
          ...(todo.level.color ? { levelColor: todo.level.color } : {}),
        };
        const id = await create(draft, [code]);
        const marked = d.markDone([todoId]);
        if (!marked.ok) d.log(`hand-off of #${todoId}: created #${id} for ${code}, but the done mark failed: ${marked.error.detail}`);
        book.record({ kind: 'handoff', todoId, title: todo.title, customer: todo.customer, to: { code, name: staffName(code) }, newTodoId: id, note: note.trim() || null, undoable: true });
        d.changed();
        return { id };
      }),

    getHistory: async (): Promise<Result<HistoryEntry[]>> => ok(book.history()),

    listColleagues: (): Promise<Result<StaffMember[]>> =>
      guard(async () => {
        const cached = people.staffList();
        if (cached.length > 0) return cached;
        return needClient().client.listStaff();
      }),
  };

  /** Called by app.ts after a done mark / undo succeeded, so the history has them. */
  function doneRecorded(ids: readonly number[]): void {
    for (const id of ids) {
      const t = d.todo(id);
      book.record({ kind: 'done', todoId: id, title: t?.title ?? `#${id}`, customer: t?.customer ?? null, undoable: true });
    }
  }

  return { connect, decorate, nameReminder, handlers, doneRecorded, undone: (ids: number[]) => book.undone(ids), people };
}

export type Actions = ReturnType<typeof createActions>;
