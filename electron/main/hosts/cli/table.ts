/**
 * Plain-text columns for a terminal. Chinese text takes two cells per character, so
 * widths are counted in cells, not code units.
 */

function cellWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  // East Asian Wide/Fullwidth blocks that occur in names and titles.
  return (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
    ? 2
    : 1;
}

export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += cellWidth(ch);
  return w;
}

/** Vendor text on one line: newlines and tabs would break the columns. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

export function renderTable(header: string[], rows: string[][]): string {
  const all = [header, ...rows].map((r) => r.map(flat));
  // A loop, not Math.max(...column): spreading 200,000 rows overflows the call stack.
  const widths = header.map(() => 0);
  for (const r of all) {
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, displayWidth(r[i] ?? ''));
  }
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell))))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}
