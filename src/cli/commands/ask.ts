import { AppError } from '../../errors.js';
import type { CliCommand } from '../types.js';

// Placeholder until this command is built; registered so the command list is complete.
export const askCommand: CliCommand = {
  name: 'ask',
  summary: '(not built yet)',
  usage: 'retail-insights ask',
  async run() {
    throw new AppError('INTERNAL', 'The "ask" command is not built yet.');
  },
};
