import type { Todo } from '../../../shared/todo';
import type { ActivationResult, CustomerInfo, StaffMember } from '../../../shared/contract/types';
import type { ActivationRequest } from './activation';
import type { HttpTransport } from './http';

export { DEFAULT_TOKEN_URL } from '../../../shared/settings';

export interface YoumiConfig {
  /** v2 base URL, e.g. https://host (no default: the docs give none). */
  baseUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Agents only. */
  tenantId?: string;
  /** Default 100. */
  pageSize?: number;
  /** Per-phase timeouts in ms. */
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** One request as a whole, including a body that trickles. Default 30 s. */
  requestDeadlineMs?: number;
  /** Listing todos as a whole: every page, token and retry. Default 60 s. */
  syncDeadlineMs?: number;
  /** Ceilings on one list: todos (default 20,000) and pages (default 2,000). */
  maxTodos?: number;
  maxPages?: number;
  /** Retries for network errors, 5xx and 429. Default 3. */
  maxRetries?: number;
  /** Base backoff in ms (doubles, with jitter). Default 500. */
  retryBaseMs?: number;
  /** Cap on a response body. Default 16 MiB. */
  maxResponseBytes?: number;
  /** Where skipped items and retries are reported; must never receive secrets. */
  log?: (line: string) => void;
  /** Injected for tests of backoff; default setTimeout-based sleep. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected clock for token expiry; default Date.now. */
  now?: () => number;
  /** Injected for tests of jitter; default Math.random. */
  random?: () => number;
  /** A Retry-After longer than this fails the call at once instead of waiting. Default 60 s. */
  maxRetryAfterMs?: number;
  /**
   * Wraps the HTTP transport (every request, token requests included, passes through it).
   * The team relay uses it to keep a requests-per-minute budget.
   */
  wrapTransport?: (transport: HttpTransport) => HttpTransport;
}

/** GetChargeDaffairesList / Count filters, in the API's own spelling. */
export interface TodoFilter {
  startTimestamp?: number;
  endTimestamp?: number;
  remindStartTimestamp?: number;
  remindEndTimestamp?: number;
  createStaff?: string;
  remindStaff?: string;
  WecharId?: number;
  wechatNober?: string;
  /** -1 all, 0 open, 1 handled. */
  usersate?: -1 | 0 | 1;
  chargeDaffairesId?: number;
}

export interface ListResult {
  todos: Todo[];
  /** Items that failed validation and were left out (with a logged reason). */
  skipped: number;
  pages: number;
  /**
   * True when paging had to stop before the server's count was reached (it repeated
   * pages, or the page cap was hit): absence from `todos` then proves nothing.
   */
  incomplete?: boolean;
}

export interface NewTodo {
  customer: string;
  accountKind: 0 | 1 | 2 | 3;
  accountId: number;
  title: string;
  content: string;
  /** ISO 8601; must not be earlier than now. */
  remindAt: string;
  isAlways?: boolean;
  recipients?: string[];
  creator?: string;
  levelColor?: string;
  levelName?: string;
  eventType?: 0 | 100 | 120 | 130;
}

export interface Department {
  id: number;
  name: string;
}

export interface YoumiClient {
  /** All pages of GetChargeDaffairesList, de-duplicated by id. */
  listTodos(filter: TodoFilter): Promise<ListResult>;
  /** The staff member's open todos addressed to them, whatever the server's filter returned. */
  listMyOpenTodos(staff: string): Promise<ListResult>;
  /** One todo by id in any state (usersate -1), or null when the server no longer has it. */
  getTodo(id: number): Promise<Todo | null>;
  countTodos(filter: TodoFilter): Promise<number>;
  addTodo(todo: NewTodo): Promise<number>;
  listDepartments(): Promise<Department[]>;
  listStaff(opts?: { departId?: number; departGroupId?: number; includeInactive?: boolean }): Promise<StaffMember[]>;
  /** GetFansList for one customer of one operating account; null when the account has no such friend. */
  findCustomer(wxid: string, accountId: number | null): Promise<CustomerInfo | null>;
  /** ActivationConversation: switch the staff member's chat session to this customer. */
  activateConversation(req: ActivationRequest): Promise<ActivationResult>;
  close(): Promise<void>;
}
