// Writes the tray and app icons under build/icons from the art in
// electron/main/shell/icon-art.ts, so the committed PNGs and the badge the tray draws at run
// time come from one description. Run: node --import tsx build/make-icons.mjs [--check]
// --check writes nothing and exits 1 when a committed icon differs from the art.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { allIconFiles, decodePng, encodePng } from '../electron/main/shell/icon-art.ts';

const root = join(import.meta.dirname, 'icons');
const check = process.argv.includes('--check');
let stale = 0;

for (const { file, draw } of allIconFiles()) {
  const target = join(root, file);
  const img = draw();
  if (check) {
    // Pixels, not bytes: another zlib may compress the same pixels differently.
    const same = existsSync(target) && Buffer.from(decodePng(readFileSync(target)).data).equals(Buffer.from(img.data));
    if (!same) {
      stale++;
      console.log(`stale: build/icons/${file}`);
    }
    continue;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, encodePng(img));
  console.log(`wrote build/icons/${file} (${img.width}x${img.height})`);
}
if (check) {
  console.log(stale ? `${stale} icon(s) differ from the art: run node --import tsx build/make-icons.mjs` : 'icons match the art');
  process.exit(stale ? 1 : 0);
}
