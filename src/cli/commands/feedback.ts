import { writeFile } from 'node:fs/promises';
import { AppError } from '../../errors.js';
import { stringOption } from '../args.js';
import type { CliCommand } from '../types.js';

const EXPORT_USAGE = [
  'Usage: retail-insights feedback export [--out FILE]',
  '',
  '  Writes the 👎 feedback users gave in Slack (the shared store: REDIS_URL) as draft evaluation cases, in the',
  '  format of test/eval/*.yml, with gold left empty for a person to write. Without --out, prints them.',
].join('\n');

export const feedbackExportCommand: CliCommand = {
  name: 'export',
  summary: 'write 👎 feedback as draft eval cases',
  usage: EXPORT_USAGE,
  options: { out: { type: 'string' } },
  async run(ctx) {
    const [{ loadConfig }, { createFeedbackServices }, { draftEvalCases }] = await Promise.all([
      import('../../config/config.js'),
      import('../../main.js'),
      import('../../feedback/draft-eval-cases.js'),
    ]);
    const services = await createFeedbackServices(loadConfig(ctx.env), {
      io: ctx.io,
      verbose: ctx.flags.verbose,
    });
    try {
      const records = await services.feedback.list();
      const yaml = draftEvalCases(records);
      const out = stringOption(ctx.values, 'out');
      const drafts = records.filter((r) => r.verdict === 'down').length;
      if (out) {
        await writeFile(out, yaml, 'utf8');
        ctx.io.stderr.write(
          `Wrote ${drafts} draft eval case(s) to ${out} (from ${records.length} feedback entries).\n`,
        );
      } else ctx.io.stdout.write(yaml);
      return 0;
    } finally {
      await services.close();
    }
  },
};

export const feedbackCommand: CliCommand = {
  name: 'feedback',
  summary: 'Answer feedback from Slack: `feedback export` writes 👎 as draft eval cases',
  usage: EXPORT_USAGE,
  options: {},
  subcommands: [feedbackExportCommand],
  run() {
    return Promise.reject(new AppError('BAD_INPUT', EXPORT_USAGE));
  },
};
