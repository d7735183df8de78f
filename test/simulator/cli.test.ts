import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';

const CLI = 'electron/main/simulator/cli.ts';
const children: ChildProcess[] = [];

/** detached: npx does not pass SIGTERM on to tsx, so the whole process group is signalled. */
function run(cmd: string, args: string[]): ChildProcess {
  const child = spawn(cmd, args, { cwd: process.cwd(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        child.stdout?.off('data', onData);
        resolve(buf.slice(0, nl));
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before a line: ${buf}`)));
  });
}

function collect(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return () => text;
}

afterEach(() => {
  for (const child of children.splice(0)) killGroup(child, 'SIGKILL');
});

describe('npm run sim (cli.ts)', () => {
  it('prints `listening <url>` first, then credentials, and serves on that port', async () => {
    const child = run('npx', ['tsx', CLI, '--port', '0']);
    const out = collect(child.stdout);
    const line = await firstLine(child);
    expect(line).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice('listening '.length);
    const res = await fetch(`${url}/connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'client_id=demo-client&client_secret=demo-secret&scope=Ls.Qkl.PublicApi&grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(out()).toContain(`YOUMI_BASE_URL=${url} YOUMI_TOKEN_URL=${url}/connect/token`);
    expect(out()).toContain('YOUMI_STAFF=b08');
    expect(out()).toContain('b08 张三');
    killGroup(child);
    await once(child, 'exit');
  });

  it('ends cleanly on SIGTERM and SIGINT', async () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const child = run(process.execPath, ['node_modules/tsx/dist/cli.mjs', CLI, '--port', '0', '--empty']);
      const err = collect(child.stderr);
      const url = (await firstLine(child)).slice('listening '.length);
      expect(await (await fetch(`${url}/_admin/todos`)).json()).toEqual([]);
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(err()).toBe('');
    }
  });

  it.each([
    [['--bogus'], /unknown option --bogus/],
    [['--port', 'abc'], /--port needs an integer/],
    [['--port', '70000'], /--port must be 0\.\.65535/],
    [['--seed'], /--seed needs an integer/],
  ])('rejects %j with one line on stderr and exit code 2', async (args, message) => {
    const child = run(process.execPath, ['node_modules/tsx/dist/cli.mjs', CLI, ...args]);
    const err = collect(child.stderr);
    const out = collect(child.stdout);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(out()).toBe('');
    const lines = err().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(err()).not.toMatch(/\n\s+at /);
  });
});
