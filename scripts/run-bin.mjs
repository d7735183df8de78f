// Runs package binaries the same way on every OS. A bare npx spawn fails on Windows:
// npx is npx.cmd there, and Node (since the April 2024 security release, CVE-2024-27980)
// refuses to spawn .cmd/.bat files without a shell. So local tools run as
// `node <their bin script>`, and one-off packages through npm's own CLI script.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** [node, script] for a binary of an installed package, e.g. localBin('@playwright/test', 'playwright'). */
export function localBin(pkg, name) {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  const rel = typeof bin === 'string' ? bin : bin?.[name ?? Object.keys(bin ?? {})[0]];
  if (!rel) throw new Error(`${pkg} has no binary ${name ?? ''}`);
  return [process.execPath, join(dirname(manifest), rel)];
}

/** npm's CLI script: the one running us (npm run …), else the one installed beside node. */
export function npmCli() {
  const candidates = [
    process.env.npm_execpath,
    join(dirname(process.execPath), 'node_modules/npm/bin/npm-cli.js'), // Windows layout
    join(dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js'), // Unix layout
  ];
  const found = candidates.find((p) => p && /npm-cli\.js$/.test(p) && existsSync(p));
  if (!found) throw new Error('npm is not installed next to node');
  return [process.execPath, found];
}

/** Like `npx -y <pkg> …args`, without a shell. */
export function npmExecArgs(pkg, args) {
  return [...npmCli(), 'exec', '--yes', `--package=${pkg}`, '--', pkg.replace(/^(@[^/]+\/)?([^@]+).*$/, '$2'), ...args];
}

/** spawnSync of [cmd, ...args]. */
export function run(argv, opts = {}) {
  const [cmd, ...args] = argv;
  return spawnSync(cmd, args, opts);
}
