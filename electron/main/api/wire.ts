/**
 * Readers for the vendor's loosely typed JSON. The same field arrives under several
 * spellings (wechatNober / ad_wechat_nober, WecharId / wecharId) and with drifting types
 * (numbers as strings, booleans as 0/1/"true"), so every read goes through here.
 */

/** Folds the spellings seen so far onto one key: case, an `ad_` prefix and underscores are ignored. */
export function canonicalKey(key: string): string {
  return key.toLowerCase().replace(/^ad_/, '').replace(/_/g, '');
}

const isBlank = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** An object from the wire, read by any of a field's known spellings. */
export class WireRecord {
  private readonly byCanonical = new Map<string, unknown[]>();

  constructor(private readonly raw: Record<string, unknown>) {
    for (const [key, value] of Object.entries(raw)) {
      const canon = canonicalKey(key);
      const list = this.byCanonical.get(canon);
      if (list) list.push(value);
      else this.byCanonical.set(canon, [value]);
    }
  }

  /**
   * The first non-blank value among `names`, exact spellings before folded ones, so a
   * documented name wins when the server sends both and one of them empty.
   */
  get(...names: string[]): unknown {
    for (const name of names) {
      if (Object.hasOwn(this.raw, name) && !isBlank(this.raw[name])) return this.raw[name];
    }
    for (const name of names) {
      for (const value of this.byCanonical.get(canonicalKey(name)) ?? []) {
        if (!isBlank(value)) return value;
      }
    }
    return undefined;
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// C0 controls other than tab and newlines, DEL and C1: they can rewrite a terminal line or
// hide text in a notification, and no real title needs them.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** A trimmed string, or null for blank, objects and other non-text. */
export function asString(v: unknown): string | null {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number' && Number.isFinite(v)) s = String(v);
  else if (typeof v === 'bigint') s = v.toString();
  else return null;
  s = s.replace(CONTROL_CHARS, '').trim();
  return s === '' ? null : s;
}

const INTEGER_TEXT = /^[+-]?\d+(?:\.0+)?$/;

/** A safe integer from a number or a numeric string ("3626", "3626.0"), else null. */
export function asInt(v: unknown): number | null {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && INTEGER_TEXT.test(v.trim())) n = Number(v.trim());
  else return null;
  return Number.isSafeInteger(n) ? n : null;
}

const TRUE_TEXT = new Set(['true', '1', 'yes', 'y', 't']);
const FALSE_TEXT = new Set(['false', '0', 'no', 'n', 'f']);

/** true/false, 1/0, "true"/"1"/"yes" and their opposites; null for anything else. */
export function asBool(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (TRUE_TEXT.has(s)) return true;
    if (FALSE_TEXT.has(s)) return false;
  }
  return null;
}

/** A short, single-line rendering of a wire value for log lines about bad items. */
export function preview(v: unknown, max = 40): string {
  let s: string;
  try {
    s = typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    s = Object.prototype.toString.call(v);
  }
  s = s.replace(CONTROL_CHARS, '');
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
