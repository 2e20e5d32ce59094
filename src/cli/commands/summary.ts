import { AppError } from '../../errors.js';
import type { CliCommand } from '../types.js';

// Placeholder until this command is built; registered so the command list is complete.
export const summaryCommand: CliCommand = {
  name: 'summary',
  summary: '(not built yet)',
  usage: 'retail-insights summary',
  async run() {
    throw new AppError('INTERNAL', 'The "summary" command is not built yet.');
  },
};
