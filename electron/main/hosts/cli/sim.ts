/**
 * `sim [--port N] [--seed N] [--host H] [--empty]`: the simulator, exactly as `npm run sim`
 * runs it. It is run as a child of this process, not re-implemented, so both print and
 * behave the same; arguments after `sim` go to it untouched.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from './command';

// From source the simulator's .ts entry runs under the same TypeScript loader as this file;
// from the bundle (out/cli/youmi-todo.mjs) it is the bundled simulator next to it.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const simEntry = (): string => fileURLToPath(new URL(FROM_SOURCE ? '../../simulator/cli.ts' : './youmi-sim.mjs', import.meta.url));

export const simCommand: Command = {
  name: 'sim',
  usage: 'sim [--port N] [--seed N] [--host ADDR] [--empty]',
  summary: 'start the Youmi simulator (prints "listening URL", then demo credentials)',
  rawArgs: true,
  run(ctx) {
    // process.execArgv carries tsx's loader, which the .ts entry needs.
    const child = spawn(process.execPath, [...process.execArgv, simEntry(), ...ctx.args], { stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => (): void => {
      child.kill(signal);
    };
    // Ctrl-C reaches the child through the process group; this process only waits for it.
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
      });
    });
  },
};
