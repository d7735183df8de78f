/**
 * `npm run sim -- --port 0 [--seed N] [--host H] [--empty]`
 * The first stdout line is `listening <url>` so scripts and tests can wait for it
 * and read the port; the credentials follow for a human to copy.
 */
import { startSimulator, type Simulator } from './index';

interface CliOptions {
  port: number;
  host: string;
  seed: number;
  empty: boolean;
}

class UsageError extends Error {}

const USAGE = 'usage: sim [--port N] [--host ADDR] [--seed N] [--empty]';

function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = { port: 0, host: '127.0.0.1', seed: 1, empty: false };
  const int = (flag: string, value: string | undefined, min: number, max: number): number => {
    if (value === undefined || !/^-?\d+$/.test(value)) throw new UsageError(`${flag} needs an integer`);
    const n = Number(value);
    if (n < min || n > max) throw new UsageError(`${flag} must be ${min}..${max}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port':
        opts.port = int('--port', value(), 0, 65535);
        break;
      case '--seed':
        opts.seed = int('--seed', value(), 0, 0xffffffff);
        break;
      case '--host': {
        const host = value();
        if (!host || host.startsWith('-')) throw new UsageError('--host needs an address');
        opts.host = host;
        break;
      }
      case '--empty':
        if (inline !== undefined) throw new UsageError('--empty takes no value');
        opts.empty = true;
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return process.exit(0);
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  return opts;
}

function describe(sim: Simulator): string[] {
  const staff = sim.staff.map((s) => `${s.code} ${s.name}${s.active ? '' : ' (停用)'}`).join(', ');
  const demo = sim.staff.find((s) => s.code === sim.demoStaff);
  return [
    `base URL       ${sim.url}`,
    `token URL      ${sim.tokenUrl}`,
    `client id      ${sim.credentials.clientId}`,
    `client secret  ${sim.credentials.clientSecret}   (demo only)`,
    `TenantId       ${sim.tenants.join(', ')}   (optional header, agents only)`,
    `demo staff     ${sim.demoStaff}${demo ? ` ${demo.name}` : ''}`,
    `staff          ${staff}`,
    `admin API      ${sim.url}/_admin/todos`,
    '',
    `export YOUMI_BASE_URL=${sim.url} YOUMI_TOKEN_URL=${sim.tokenUrl} YOUMI_CLIENT_ID=${sim.credentials.clientId} YOUMI_CLIENT_SECRET=${sim.credentials.clientSecret} YOUMI_STAFF=${sim.demoStaff}`,
  ];
}

async function main(): Promise<void> {
  let opts: CliOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`sim: ${e instanceof Error ? e.message : String(e)} (${USAGE})\n`);
    process.exit(2);
  }
  let sim: Simulator;
  try {
    sim = await startSimulator({ port: opts.port, host: opts.host, seed: opts.seed, demoData: !opts.empty });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? `port ${opts.port} is in use` : e instanceof Error ? e.message : String(e);
    process.stderr.write(`sim: cannot listen on ${opts.host}:${opts.port}: ${reason}\n`);
    process.exit(code === 'EADDRINUSE' || code === 'EADDRNOTAVAIL' || code === 'EACCES' ? 2 : 1);
  }
  process.stdout.write(`listening ${sim.url}\n`);
  process.stdout.write(`${describe(sim).join('\n')}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
