import { AppError } from '../../errors.js';
import type { CliCommand } from '../types.js';

// Placeholder until this command is built; registered so the command list is complete.
export const startCommand: CliCommand = {
  name: 'start',
  summary: '(not built yet)',
  usage: 'retail-insights start',
  async run() {
    throw new AppError('INTERNAL', 'The "start" command is not built yet.');
  },
};
