/**
 * The text of a JSON object file the state keeps (the document, the cached lists), read
 * through recoverable damage that is not corruption: a BOM an editor added, or the
 * zero-filled tail some file systems leave after a crash mid-extend. Anything else that
 * is not one JSON object throws, and the caller moves the file aside.
 */
export function parseJsonObjectText(text: string, what: string): Record<string, unknown> {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping a NUL-filled tail is the point
  const value = JSON.parse(text.replace(/^\uFEFF/, '').replace(/[\u0000\s]+$/, '')) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SyntaxError(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}
