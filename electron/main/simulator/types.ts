/**
 * The public shapes of the simulator. Other code (API client tests, the demo
 * mode, browser tests) is written against these, so changes here break them.
 */

/**
 * One item of GetChargeDaffairesList `values[]`, spelled exactly as on the wire
 * (docs/youmi-api.md §3.3 and the seed page). Key order follows the seed example.
 */
export interface WireTodo {
  id: number;
  weixin: string;
  merchantId: string;
  sffId: string;
  remindTitle: string;
  followupsiTuation: string | null;
  /** "2024-08-18T00:00:00+08:00". Absent, or "", on todos without a remind time. */
  remindTime?: string;
  isAlways: boolean;
  /** 0 open, 1 handled, 2 cancelled. */
  sate: number;
  /** A JSON array inside a string: "[\"b08\"]". */
  recipientData: string;
  /** +08:00 with 6 or 7 fractional digits. */
  addTime: string;
  wecharId: number;
  /** 0 personal WeChat, 1 official account, 2 mini-program, 3 WeCom. */
  from: number;
  levelColor: string;
  levelName: string;
  /** 0 manual, 100 contact customer, 120 like Moments, 130 comment on Moments. */
  eventType: number;
  /** Most items carry the ad_ names (as the seed example does) ... */
  ad_wechat_nober?: string;
  ad_wechat_nick?: string;
  /** ... a few carry the names the schema documents instead. */
  wechatNober?: string;
  wechatNick?: string;
}

export interface SimulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 1. The demo data is a pure function of (seed, now()). */
  seed?: number;
  /** Epoch ms; default Date.now. Drives token expiry, seeding and AddRecordNew's "not earlier than now". */
  now?: () => number;
  /** Default true. false = empty todo table (staff list still there). */
  demoData?: boolean;
  /** Default 7200. */
  tokenTtlSec?: number;
}

export type Fault =
  | { kind: 'latency'; ms: number; path?: string; times?: number }
  | { kind: 'status'; status: number; retryAfterSec?: number; path?: string; times?: number }
  | { kind: 'malformed-json'; path?: string; times?: number }
  | { kind: 'business'; errmsg: number; errdesc?: string; path?: string; times?: number }
  | { kind: 'unauthorized'; path?: string; times?: number }
  | { kind: 'reset'; path?: string; times?: number }
  | { kind: 'huge'; bytes: number; path?: string; times?: number };

export interface RequestLogEntry {
  method: string;
  path: string;
  /** HTTP status sent; 0 when the socket was destroyed without a response. */
  status: number;
  /** Parsed JSON or form body (client_secret redacted); raw text when unparsable; null when empty. */
  body: unknown;
  /** now() when the request arrived. */
  at: number;
  /** The headers a client test cares about; the bearer token itself is redacted. */
  headers: { authorization?: string; tenantId?: string; contentType?: string };
}

export interface SimAdmin {
  /** Fills the rest with defaults: a new id, recipients [demoStaff], now as addTime and remindTime. */
  addTodo(input: Partial<WireTodo> & { remindTitle: string }): WireTodo;
  /** Throws on an unknown id. A key patched to undefined is removed from the item. */
  updateTodo(id: number, patch: Partial<WireTodo>): WireTodo;
  /** sate = 1 */
  handle(id: number): WireTodo;
  /** sate = 2 */
  cancel(id: number): WireTodo;
  /** The row disappears entirely. Throws on an unknown id. */
  remove(id: number): void;
  /** Current table, copies, ordered by id. */
  todos(): WireTodo[];
  /** Re-seeds the table (relative to now()), clears faults, paging and the request log. Tokens stay valid. */
  reset(opts?: { demoData?: boolean; seed?: number }): void;
  /** Queued; each applies to the next `times` matching requests (default 1); Infinity = until cleared. */
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** Every issued token becomes invalid: the next v2 call gets errmsg 10003. */
  expireTokens(): void;
  /** cap: at most `cap` items per page whatever pageSize says (null = no cap); ignorePageIndex: always page 1. */
  setPaging(p: { cap?: number | null; ignorePageIndex?: boolean }): void;
  /** What arrived (admin requests excluded), oldest first, the last 2000 at most. */
  requestLog(): RequestLogEntry[];
  /** The customers GetFansList answers from (re-seeded by reset()). */
  fans(): Fan[];
  /** Adds or replaces the fan (wechatId, fansKey); throws on junk. */
  addFan(input: Partial<Fan> & { wechatId: number; fansKey: string }): Fan;
  removeFan(accountId: number, fansKey: string): void;
  /** ActivationConversation calls the server accepted, oldest first. */
  activations(): Activation[];
}

export type { Fan } from './fans';
export type { Activation } from './activation';
import type { Fan } from './fans';
import type { Activation } from './activation';

export interface StaffMember {
  code: string;
  name: string;
  departId: number;
  departName: string;
  active: boolean;
}

export interface Simulator {
  /** Base URL, e.g. http://127.0.0.1:PORT; v2 endpoints live under `${url}/v2/...`. */
  url: string;
  /** `${url}/connect/token` */
  tokenUrl: string;
  credentials: { clientId: string; clientSecret: string };
  /** Valid TenantId header values (agents only; merchants send none). */
  tenants: string[];
  /** The staff member whose todos the demo shows. */
  demoStaff: string;
  staff: StaffMember[];
  admin: SimAdmin;
  close(): Promise<void>;
}
