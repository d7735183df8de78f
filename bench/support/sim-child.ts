/** Starts bench/support/sim-process.ts as a child process and talks to it over its stdio. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { resolve } from 'node:path';

export interface SimChild {
  url: string;
  tokenUrl: string;
  credentials: { clientId: string; clientSecret: string };
  demoStaff: string;
  /** Changes one todo's title in the simulator; resolves when it is changed. */
  touch(id: number): Promise<void>;
  close(): Promise<void>;
}

const root = resolve(import.meta.dirname, '../..');

function nextLine(lines: Interface, child: ChildProcess): Promise<string> {
  return new Promise((ok, fail) => {
    const onExit = (code: number | null) => fail(new Error(`simulator process exited (${code})`));
    child.once('exit', onExit);
    lines.once('line', (line) => {
      child.off('exit', onExit);
      ok(line);
    });
  });
}

export async function startSimChild(todos: number): Promise<SimChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'bench/support/sim-process.ts'), String(todos)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const info = JSON.parse(await nextLine(lines, child)) as Omit<SimChild, 'touch' | 'close'>;
  return {
    ...info,
    async touch(id) {
      const answer = nextLine(lines, child);
      child.stdin!.write(`touch ${id}\n`);
      if ((await answer) !== 'ok') throw new Error('simulator did not change the todo');
    },
    close() {
      return new Promise((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.stdin!.end();
      });
    },
  };
}
