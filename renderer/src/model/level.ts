/** Level chip colours and ordering. The API's levelColor is vendor data: never trust it in CSS. */

const HEX_COLOUR = /^#[0-9a-f]{6}$/;

/** A lower-case "#rrggbb" safe to put in CSS, or null (the caller then uses a neutral colour). */
export function safeLevelColor(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const lower = value.trim().toLowerCase();
  return HEX_COLOUR.test(lower) ? lower : null;
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a validated "#rrggbb". */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const CHIP_DARK_TEXT = '#111111';
export const CHIP_LIGHT_TEXT = '#ffffff';

/** Whichever of near-black and white reads better on the chip colour. */
export function chipTextColor(background: string): string {
  return contrastRatio(background, CHIP_DARK_TEXT) >= contrastRatio(background, CHIP_LIGHT_TEXT)
    ? CHIP_DARK_TEXT
    : CHIP_LIGHT_TEXT;
}

/**
 * The API has no level rank, only a name and a colour. Rank the usual Chinese (and English)
 * names; anything unknown sorts between 一般 and 低, a missing level last.
 */
const RANKS: ReadonlyArray<readonly [RegExp, number]> = [
  [/特急|非常紧急|十万火急|urgent|critical|blocker/i, 0],
  [/紧急|加急|急|high/i, 1],
  [/重要|important/i, 2],
  [/一般|普通|中|normal|medium/i, 4],
  [/低|不急|low|minor/i, 6],
];

const rankCache = new Map<string, number>();

export function levelRank(name: string | null): number {
  if (!name) return 9;
  let rank = rankCache.get(name);
  if (rank === undefined) {
    rank = RANKS.find(([pattern]) => pattern.test(name))?.[1] ?? 5;
    if (rankCache.size < 1000) rankCache.set(name, rank);
  }
  return rank;
}
