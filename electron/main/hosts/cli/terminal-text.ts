/**
 * Text from the server (titles, names, error descriptions) reaches a terminal. Characters
 * that are invisible or reorder what the user sees are removed before anything is written:
 * bidi overrides and isolates (a title that displays as something else), zero-width and
 * other format characters, and control characters other than newline and tab (ESC
 * sequences could move the cursor, retitle the window or rewrite earlier lines).
 */
// C0 except \t and \n, DEL, C1; soft hyphen; Arabic letter mark; Mongolian vowel separator;
// zero-width space/joiners, LRM/RLM; line/paragraph separators; bidi embeddings and
// overrides; word joiner, invisible operators, bidi isolates, deprecated format controls;
// BOM / zero-width no-break space; interlinear annotation controls.
const HIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

export function safeForTerminal(text: string): string {
  return text.replace(HIDDEN, '');
}
