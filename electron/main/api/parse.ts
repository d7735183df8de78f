/**
 * GetChargeDaffairesList items → the app's `Todo`. Tolerant of everything docs/youmi-api.md
 * §3.3 and issue 2 list (name variants, recipientData as JSON in a string, China-time
 * strings, type drift in any field, unknown codes). The only thing that disqualifies an
 * item is the lack of a usable id: without it the app cannot track, dedupe or dismiss it.
 */
import { z } from 'zod';
import {
  ACCOUNT_KIND_BY_FROM,
  COMPLETION_BY_EVENT_TYPE,
  STATE_BY_SATE,
  type Todo,
} from '../../../shared/todo';
import { parseWireTime } from '../../../shared/wire-time';
import type { PageMemo } from './item-memo';
import { WireRecord, asBool, asInt, asString, isPlainObject, preview } from './wire';

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Lower-case "#rrggbb" for "#rgb"/"#rrggbb" in any case; null for anything else, since it reaches CSS. */
export function normaliseColour(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (!HEX_COLOUR.test(s)) return null;
  const hex = s.slice(1).toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((c) => c + c).join('')}` : `#${hex}`;
}

function addRecipient(out: string[], v: unknown): void {
  const code = asString(v);
  if (code !== null && !out.includes(code)) out.push(code);
}

const STAFF_CODE = /^[A-Za-z0-9_.-]{1,32}$/;

/**
 * Text that is not JSON but plainly lists staff codes ('b08', '[b08, b11]', 'b08;b11'):
 * its codes, so a formatting slip on the server never silences the staff member's
 * reminders. Anything with other characters gives nothing.
 */
function salvageCodes(s: string): string[] {
  const tokens = s
    .replace(/^\[|\]$/g, '')
    .split(/[\s,;，、]+/)
    .map((t) => t.replace(/^['"]|['"]$/g, ''))
    .filter((t) => t !== '');
  return tokens.length > 0 && tokens.every((t) => STAFF_CODE.test(t)) ? [...new Set(tokens)] : [];
}

/**
 * recipientData is documented as a JSON array inside a string ("[\"b08\"]"). A real array,
 * a double-encoded string and a single JSON string are accepted too; text that is not JSON
 * but lists staff codes keeps those codes (with a note); anything else gives [] (with a
 * note) and the todo is kept.
 */
export function parseRecipients(v: unknown): { recipients: string[]; malformed: boolean } {
  let value: unknown = v;
  for (let depth = 0; typeof value === 'string' && depth < 3; depth++) {
    const s = value.trim();
    if (s === '') return { recipients: [], malformed: false };
    try {
      value = JSON.parse(s);
    } catch {
      return { recipients: salvageCodes(s), malformed: true };
    }
  }
  if (value === undefined || value === null) return { recipients: [], malformed: false };
  const out: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) addRecipient(out, item);
    return { recipients: out, malformed: value.some((x) => asString(x) === null) };
  }
  if (typeof value === 'number') {
    addRecipient(out, value);
    return { recipients: out, malformed: false };
  }
  return { recipients: [], malformed: true };
}

const POSITIVE_ID = z
  .unknown()
  .transform((v) => asInt(v))
  .pipe(z.number({ error: 'id is missing or not an integer' }).int().positive('id is not positive'));

const lenientString = z.unknown().transform(asString);
const lenientInt = z.unknown().transform(asInt);
const lenientBool = z.unknown().transform(asBool);
const lenientTime = z.unknown().transform(parseWireTime);

/** One item after name variants are folded; each field is coerced, only `id` can fail. */
const todoWire = z.object({
  id: POSITIVE_ID,
  weixin: lenientString,
  merchantId: lenientString,
  sffId: lenientString,
  remindTitle: lenientString,
  followupsiTuation: lenientString,
  remindTime: lenientTime,
  isAlways: lenientBool,
  sate: lenientInt,
  recipientData: z.unknown(),
  addTime: lenientTime,
  wecharId: lenientInt,
  from: lenientInt,
  levelColor: z.unknown().transform(normaliseColour),
  levelName: lenientString,
  eventType: lenientInt,
  wechatNober: lenientString,
  wechatNick: lenientString,
});

type WireFields = z.input<typeof todoWire>;

function foldNames(item: Record<string, unknown>): WireFields {
  const r = new WireRecord(item);
  return {
    id: r.get('id', 'chargeDaffairesId'),
    weixin: r.get('weixin'),
    merchantId: r.get('merchantId'),
    sffId: r.get('sffId'),
    remindTitle: r.get('remindTitle'),
    followupsiTuation: r.get('followupsiTuation'),
    remindTime: r.get('remindTime'),
    isAlways: r.get('isAlways'),
    sate: r.get('sate', 'state'),
    recipientData: r.get('recipientData', 'recipient'),
    addTime: r.get('addTime'),
    wecharId: r.get('wecharId'),
    from: r.get('from'),
    levelColor: r.get('levelColor'),
    levelName: r.get('levelName'),
    eventType: r.get('eventType'),
    wechatNober: r.get('wechatNober', 'ad_wechat_nober'),
    wechatNick: r.get('wechatNick', 'ad_wechat_nick'),
  };
}

export type ItemResult =
  | { ok: true; todo: Todo; notes: string[] }
  | { ok: false; reason: string };

function lookup<T>(table: Record<number, T>, code: number | null): T | undefined {
  return code === null ? undefined : table[code];
}

export function parseTodoItem(raw: unknown): ItemResult {
  if (!isPlainObject(raw)) return { ok: false, reason: `not an object (${preview(raw)})` };
  const fields = foldNames(raw);
  const parsed = todoWire.safeParse(fields);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'invalid';
    return { ok: false, reason: `${message} (id ${preview(fields.id)})` };
  }
  const w = parsed.data;
  const notes: string[] = [];
  const { recipients, malformed } = parseRecipients(w.recipientData);
  if (malformed) notes.push(`recipientData is malformed (${preview(w.recipientData)}); recipients taken as []`);

  const todo: Todo = {
    id: w.id,
    // An empty title stays empty: the UI shows its own placeholder in the user's language.
    title: w.remindTitle ?? '',
    content: w.followupsiTuation,
    remindAt: w.remindTime,
    isAlways: w.isAlways ?? false,
    state: lookup(STATE_BY_SATE, w.sate) ?? 'unknown',
    stateCode: w.sate,
    recipients,
    customer: w.weixin,
    creator: w.sffId,
    merchantId: w.merchantId,
    account: {
      id: w.wecharId,
      wechatNo: w.wechatNober,
      nick: w.wechatNick,
      kind: lookup(ACCOUNT_KIND_BY_FROM, w.from) ?? 'unknown',
    },
    level: { name: w.levelName, color: w.levelColor },
    completion: lookup(COMPLETION_BY_EVENT_TYPE, w.eventType) ?? 'unknown',
    createdAt: w.addTime,
  };
  return { ok: true, todo, notes };
}

export interface ParsedPage {
  todos: Todo[];
  /** Items on the wire, valid or not: paging compares it with the page size asked for. */
  received: number;
  skipped: number;
  /** The skipped items themselves (paging tells a repeated page by them too). */
  unread: unknown[];
}

/**
 * A page's `values`. A bad item never sinks the page: it is skipped, counted and
 * logged. null (some servers' "no rows") is an empty page; anything else that is not
 * a list is the caller's problem (it throws BadResponseError). With `memo`, an item
 * unchanged since the last listing is not parsed again: its earlier Todo (the same
 * object) is taken, and its notes, already logged once, are not repeated.
 */
export function parseTodoPage(values: unknown[], log: (line: string) => void, memo?: PageMemo): ParsedPage {
  const todos: Todo[] = [];
  const unread: unknown[] = [];
  let skipped = 0;
  for (let index = 0; index < values.length; index++) {
    const raw = values[index];
    const known = memo && isPlainObject(raw) ? memo.reuse(index, raw) : undefined;
    if (known) {
      todos.push(known);
      continue;
    }
    const result = parseTodoItem(raw);
    if (result.ok) {
      todos.push(result.todo);
      if (memo) memo.keep(index, raw as Record<string, unknown>, result.todo);
      for (const note of result.notes) log(`todo ${result.todo.id}: ${note}`);
    } else {
      skipped++;
      unread.push(raw);
      log(`skipped todo item ${index}: ${result.reason}`);
    }
  }
  return { todos, received: values.length, skipped, unread };
}
