/**
 * bench:cli — cold start of `list --json` against the simulator (in its own process, 100
 * open todos), each run a fresh process with a fresh data dir; median of several, alternating:
 * - the bundle: `node out/cli/youmi-todo.mjs list --json` (what `npm run cli` and the
 *   `youmi-todo` bin run; built on demand first);
 * - baselines in the same run: the same command from source through the TypeScript runner
 *   (`node tsx/cli main.ts`, how the CLI used to start), and `node -e ''` (node alone).
 * Last line: `cli: list --json cold start <ms> ms (bundle, plain node); from source <ms> ms; node alone <ms> ms`.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimChild } from './support/sim-child';

const root = path.resolve(import.meta.dirname, '..');
const BUNDLE = path.join(root, 'out/cli/youmi-todo.mjs');
const SOURCE = path.join(root, 'electron/main/hosts/cli/main.ts');
const RUNS = Number(process.env.RUNS ?? 7);
const TODOS = 100;

// The child reports its own CPU time on exit: on a busy machine wall time mostly measures the
// other processes, CPU time what this process costs.
const CPU_REPORT = `data:text/javascript,process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\ncpu-us '+(u.user+u.system)+'\\n')})`;

interface Run {
  ms: number;
  cpuMs: number;
  out: string;
}

function runOnce(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((ok, fail) => {
    const t = performance.now();
    const child = spawn(process.execPath, ['--import', CPU_REPORT, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code !== 0) return fail(new Error(`${args.join(' ')} exited ${code}: ${err.trim()}`));
      const cpu = /cpu-us (\d+)/.exec(err);
      ok({ ms: performance.now() - t, cpuMs: cpu ? Number(cpu[1]) / 1000 : Number.NaN, out });
    });
  });
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function main(): Promise<void> {
  // Builds the bundle if it is missing or stale, outside the timed runs.
  const prepared = spawnSync(process.execPath, [path.join(root, 'bin/youmi-todo.mjs'), '--help'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (prepared.status !== 0) throw new Error('could not build the CLI bundle');
  const sim = await startSimChild(TODOS);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'youmi-bench-cli-'));
  const env = (i: number): NodeJS.ProcessEnv => ({
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('YOUMI_'))),
    YOUMI_BASE_URL: sim.url,
    YOUMI_TOKEN_URL: sim.tokenUrl,
    YOUMI_CLIENT_ID: sim.credentials.clientId,
    YOUMI_CLIENT_SECRET: sim.credentials.clientSecret,
    YOUMI_STAFF: sim.demoStaff,
    YOUMI_DATA_DIR: path.join(tmp, `d${i}`),
  });
  const bundle: Run[] = [];
  const source: Run[] = [];
  const bare: Run[] = [];
  try {
    let n = 0;
    for (let i = 0; i < RUNS; i++) {
      const b = await runOnce([BUNDLE, 'list', '--json'], env(n++));
      const listed = JSON.parse(b.out) as unknown[];
      if (listed.length !== TODOS) throw new Error(`bundle listed ${listed.length} todos`);
      bundle.push(b);
      source.push(await runOnce(['--import', 'tsx', SOURCE, 'list', '--json'], env(n++)));
      bare.push(await runOnce(['-e', ''], env(n++)));
    }
  } finally {
    await sim.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const show = (xs: Run[]) => xs.map((x) => `${x.ms.toFixed(0)} (cpu ${x.cpuMs.toFixed(0)})`).join(', ');
  const wall = (xs: Run[]) => median(xs.map((x) => x.ms)).toFixed(0);
  const cpu = (xs: Run[]) => median(xs.map((x) => x.cpuMs)).toFixed(0);
  console.log(`load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores; wall ms (cpu ms) per run`);
  console.log(`bundle (node out/cli/youmi-todo.mjs list --json): ${show(bundle)}`);
  console.log(`from source (node --import tsx main.ts list --json): ${show(source)}`);
  console.log(`node -e '':                                       ${show(bare)}`);
  console.log(
    `cli: list --json cold start ${wall(bundle)} ms wall, ${cpu(bundle)} ms cpu (bundle, plain node); from source ${wall(source)} ms wall, ${cpu(source)} ms cpu; node alone ${wall(bare)} ms wall, ${cpu(bare)} ms cpu`,
  );
}

await main();
