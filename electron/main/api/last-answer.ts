/**
 * The last successful answer to a call repeated on a timer (a page of the poll's list),
 * so that the next answer is not parsed again where it did not change. Every answer
 * carries its own msgTime, so two answers are never byte-identical; but when the text
 * from the envelope's `values` member on is byte for byte the last answer's, only the
 * members before it are parsed (and the envelope checked, as ever) and the last `values`
 * are given back: the very same objects, so whoever holds them must not change them.
 *
 * Found by scanning the top-level members of the text: the last answer's is scanned
 * whole once (when it changed), the next one's only up to where `values` must start.
 * Anything unexpected (an escaped key, a text that does not line up) means a full parse.
 */

const QUOTE = 34;
const BACKSLASH = 92;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function skipSpace(t: string, i: number): number {
  while (i < t.length && isSpace(t.charCodeAt(i))) i++;
  return i;
}

/** The end of the string starting at `i` (a quote), or -1. */
function skipString(t: string, i: number): number {
  for (let from = i + 1; ; ) {
    const q = t.indexOf('"', from);
    if (q < 0) return -1;
    let slashes = 0;
    while (t.charCodeAt(q - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** The end of the JSON value starting at `i`, or -1. Exact for valid JSON; JSON.parse judges the rest. */
function skipValue(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === QUOTE) return skipString(t, i);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let j = i; j < t.length; j++) {
      const d = t.charCodeAt(j);
      if (d === QUOTE) {
        const end = skipString(t, j);
        if (end < 0) return -1;
        j = end - 1;
      } else if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
    }
    return -1;
  }
  let j = i;
  while (j < t.length) {
    const d = t.charCodeAt(j);
    if (d === 44 || d === 125 || d === 93 || isSpace(d)) break;
    j++;
  }
  return j > i ? j : -1;
}

interface Span {
  start: number;
  end: number;
}

/**
 * Walks the top-level members of the object in `t`; `visit` gets each key (as written,
 * quotes included) and where its value starts, and says where its value ends (-1: stop).
 * False when the text is not an object as expected or a key is escaped.
 */
function walkMembers(t: string, visit: (key: string, start: number) => number): boolean {
  let i = skipSpace(t, 0);
  if (t.charCodeAt(i) !== 123) return false;
  i = skipSpace(t, i + 1);
  if (t.charCodeAt(i) === 125) return true;
  for (;;) {
    if (t.charCodeAt(i) !== QUOTE) return false;
    const keyEnd = skipString(t, i);
    if (keyEnd < 0) return false;
    const key = t.slice(i, keyEnd);
    // "\u0076alues" is `values` too: escaped keys are left to JSON.parse.
    if (key.includes('\\')) return false;
    i = skipSpace(t, keyEnd);
    if (t.charCodeAt(i) !== 58) return false;
    const start = skipSpace(t, i + 1);
    const end = visit(key, start);
    if (end < 0) return true;
    i = skipSpace(t, end);
    const c = t.charCodeAt(i);
    if (c === 125) return true;
    if (c !== 44) return false;
    i = skipSpace(t, i + 1);
  }
}

/** Where the value of the last top-level `values` member is (JSON.parse keeps the last), or null. */
function valuesSpan(t: string): Span | null {
  let span: Span | null = null;
  let ok = true;
  const whole = walkMembers(t, (key, start) => {
    const end = skipValue(t, start);
    if (end < 0) ok = false;
    else if (key === '"values"') span = { start, end };
    return end;
  });
  return whole && ok ? span : null;
}

/** True when the top-level member whose value starts at `at` is a `values` member. */
function valuesStartAt(t: string, at: number): boolean {
  let found = false;
  walkMembers(t, (key, start) => {
    if (start >= at) {
      found = start === at && key === '"values"';
      return -1;
    }
    return skipValue(t, start);
  });
  return found;
}

export class LastAnswer {
  private text = '';
  /** Where the last answer's `values` member is; null when it was not found. */
  private span: Span | null = null;
  private values: unknown = undefined;

  /**
   * The body of `text` (the envelope, `values` included), when it needs no full parse:
   * the last `values` object itself in a freshly parsed envelope. Null otherwise.
   */
  reread(text: string): Record<string, unknown> | null {
    const span = this.span;
    if (span === null) return null;
    const last = this.text;
    const start = text.length - (last.length - span.start);
    if (start <= 0 || !text.endsWith(last.slice(span.start)) || !valuesStartAt(text, start)) return null;
    let body: unknown;
    try {
      body = JSON.parse(`${text.slice(0, start)}null${last.slice(span.end)}`);
    } catch {
      return null;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
    (body as Record<string, unknown>).values = this.values;
    return body as Record<string, unknown>;
  }

  /** `text` was a successful answer, its `values` these; `reread`: its body came from reread(). */
  remember(text: string, values: unknown, reread: boolean): void {
    if (reread && this.span !== null) {
      const shift = text.length - this.text.length;
      this.span = { start: this.span.start + shift, end: this.span.end + shift };
    } else {
      this.span = valuesSpan(text);
      this.values = values;
    }
    this.text = text;
  }
}
