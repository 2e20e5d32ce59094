import { AppError } from '../../errors.js';
import type { CliCommand } from '../types.js';

// Placeholder until this command is built; registered so the command list is complete.
export const evalCommand: CliCommand = {
  name: 'eval',
  summary: '(not built yet)',
  usage: 'retail-insights eval',
  async run() {
    throw new AppError('INTERNAL', 'The "eval" command is not built yet.');
  },
};
