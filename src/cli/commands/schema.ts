import { AppError } from '../../errors.js';
import type { CliCommand } from '../types.js';

// Placeholder until this command is built; registered so the command list is complete.
export const schemaCommand: CliCommand = {
  name: 'schema',
  summary: '(not built yet)',
  usage: 'retail-insights schema',
  async run() {
    throw new AppError('INTERNAL', 'The "schema" command is not built yet.');
  },
};
