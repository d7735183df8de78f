// Electronegativity (Doyensec's Electron security linter) over the built app: out/main,
// out/preload and out/renderer, what electron-builder ships. Prints every finding and exits
// 1 on a HIGH one.
// Fetched through npm exec on first use (it is not a dependency of the app).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { npmExecArgs } from './run-bin.mjs';

const root = resolve(import.meta.dirname, '..');
const ENEG = '@doyensec/electronegativity@1.10.3';

if (!existsSync(join(root, 'out/main/index.js'))) {
  console.error('electronegativity: out/ is not built (npm run build first)');
  process.exit(2);
}
// The tool cannot read the version from a bundle; without it, it assumes Electron 0.1 defaults (nodeIntegration on…).
const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const tmp = mkdtempSync(join(tmpdir(), 'eneg-'));
const SHIPPED = ['main', 'preload', 'renderer'];

/** RFC 4180-ish: quoted fields with "" escapes. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) rows.push([...row, field.trim()]);
  return rows;
}

// One run over the three together: the tool's global checks (navigation limits, permission
// handler, CSP) look for main's handlers across the whole project, so a directory alone
// would report them missing.
const tree = join(tmp, 'app');
for (const dir of SHIPPED) cpSync(join(root, 'out', dir), join(tree, dir), { recursive: true });
const csv = join(tmp, 'findings.csv');
const [cmd, ...cmdArgs] = npmExecArgs(ENEG, ['-i', tree, '-e', electronVersion, '-r', '-o', csv]);
const run = spawnSync(cmd, cmdArgs, {
  cwd: root,
  encoding: 'utf8',
  timeout: 600_000,
});
if (run.status !== 0 || !existsSync(csv)) {
  console.error(`electronegativity: did not run (${(run.stderr || run.error?.message || `exit ${run.status}`).trim().split('\n').pop()})`);
  process.exit(2);
}
const [header, ...rows] = parseCsv(readFileSync(csv, 'utf8'));
const col = (name) => header.findIndex((h) => h.trim() === name);
const [iIssue, iSev, iConf, iFile, iLoc] = ['issue', 'severity', 'confidence', 'filename', 'location'].map(col);
const findings = rows
  // Rows with a broken sample (an unparsable CSP) come out short: keep those with a severity.
  .filter((r) => /^(HIGH|MEDIUM|LOW|INFORMATIONAL)$/.test(r[iSev] ?? ''))
  .map((r) => ({ issue: r[iIssue], severity: r[iSev], confidence: r[iConf], where: `out/${r[iFile]}:${r[iLoc]}` }));

for (const f of findings) console.log(`${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.issue}  ${f.where}`);
const high = findings.filter((f) => f.severity === 'HIGH');
console.log(`electronegativity ${ENEG.split('@')[2]} on out/{${SHIPPED.join(',')}} (Electron ${electronVersion}): ${findings.length} finding(s), ${high.length} high`);
process.exit(high.length ? 1 : 0);
