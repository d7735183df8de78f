/** Every CLI command. A new command is a file exporting a `Command` and one line here. */
import { addCommand, customerCommand, handoffCommand, openCommand } from './act';
import type { Command } from './command';
import { doctorCommand } from './doctor';
import { listCommand } from './list';
import { doneCommand, snoozeCommand, undoCommand } from './mark';
import { watchCommand } from './watch';
import { simCommand } from './sim';
import { staffCommand } from './staff';

export const COMMANDS: readonly Command[] = [
  doctorCommand,
  staffCommand,
  listCommand,
  watchCommand,
  doneCommand,
  undoCommand,
  snoozeCommand,
  openCommand,
  addCommand,
  handoffCommand,
  customerCommand,
  simCommand,
];
