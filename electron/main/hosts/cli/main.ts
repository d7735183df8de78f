/**
 * `npm run -s cli -- <command>`: the headless CLI over the same API client the app uses.
 * See run.ts; this file only binds it to the process.
 */
import { setFlagsFromString } from 'node:v8';
import { stopAllRequests } from '../../api/deadline';
import { runCli } from './run';
import { safeForTerminal } from './terminal-text';

// undici parses HTTP with a WebAssembly module (llhttp), compiled at the first request.
// V8 then recompiles it with its optimising tier on background threads, and node waits for
// those threads before it exits: 100-200 ms added to every short command (`list`, `done`)
// for a parser that handles a few responses. The baseline tier alone is plenty for that.
setFlagsFromString('--liftoff-only');

const writeErr = (line: string): void => {
  process.stderr.write(`${safeForTerminal(line)}\n`);
};

// Anything that escapes runCli (a stray rejection in a library) is still one line, never a stack.
const last = (e: unknown): void => {
  const message = e instanceof Error ? e.message : String(e);
  writeErr(`error: internal error: ${message.replace(/\s*[\r\n]+\s*/g, ' ')}`);
  process.exit(1);
};
process.on('uncaughtException', last);
process.on('unhandledRejection', last);
// `list | head` closes the pipe early; that is not an error worth a line.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

// SIGTERM / Ctrl-C: every request in flight and every retry wait ends at once, so the
// command fails with its one line (exit 4) instead of dying mid-write or hanging. A
// command with its own handler (watch, sim) ends as it says; anything else is ended soon.
// `on`, not `once`: the state lock's signal-exit re-raises a signal that finds only its own
// listener left, which would kill the process before watch has stopped cleanly.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    stopAllRequests();
    setTimeout(() => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)), 3000).unref();
  });
}

process.exitCode = await runCli(
  process.argv.slice(2),
  { stdout: (text) => process.stdout.write(safeForTerminal(text)), stderr: writeErr },
  process.env,
);
