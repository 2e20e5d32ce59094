import { AppError } from '../../errors.js';
import type { CliCommand } from '../types.js';

// Placeholder until this command is built; registered so the command list is complete.
export const statsCommand: CliCommand = {
  name: 'stats',
  summary: '(not built yet)',
  usage: 'retail-insights stats',
  async run() {
    throw new AppError('INTERNAL', 'The "stats" command is not built yet.');
  },
};
