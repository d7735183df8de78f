// Node module hook: `electron` (from the bundle and from electron-store) → the recording fake.
import { pathToFileURL } from 'node:url';

const stub = pathToFileURL(new URL('./electron-stub.ts', import.meta.url).pathname).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: stub, shortCircuit: true };
  return next(specifier, context);
}
