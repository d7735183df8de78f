/** `doctor`: one line per check (ok on stdout, the FAIL on stderr); stops at the first failure. */
import { runDoctor } from '../../api/doctor';
import type { Command } from './command';
import { clientConfig } from './client';
import { EXIT, describeFailure, exitCodeFor, oneLine } from './exit';

export const doctorCommand: Command = {
  name: 'doctor',
  usage: 'doctor',
  summary: 'check the settings, the token, a count call and the staff code',
  async run(ctx) {
    const report = await runDoctor({ config: clientConfig(ctx), staff: ctx.settings.staff });
    for (const step of report.steps) {
      const name = step.step.padEnd(6);
      if (step.ok) ctx.io.stdout(`ok   ${name} ${oneLine(step.detail)}\n`);
      else ctx.io.stderr(`FAIL ${name} ${step.error ? describeFailure(step.error) : oneLine(step.detail)}`);
    }
    const failed = report.steps.find((s) => !s.ok);
    if (!failed) return EXIT.ok;
    return failed.error ? exitCodeFor(failed.error.kind) : EXIT.internal;
  },
};
