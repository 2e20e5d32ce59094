import { AppError } from '../../errors.js';
import type { CliCommand } from '../types.js';

// Placeholder until this command is built; registered so the command list is complete.
export const sqlCommand: CliCommand = {
  name: 'sql',
  summary: '(not built yet)',
  usage: 'retail-insights sql',
  async run() {
    throw new AppError('INTERNAL', 'The "sql" command is not built yet.');
  },
};
