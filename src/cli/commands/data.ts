import { AppError } from '../../errors.js';
import type { CliCommand } from '../types.js';

// Placeholder until this command is built; registered so the command list is complete.
export const dataCommand: CliCommand = {
  name: 'data',
  summary: '(not built yet)',
  usage: 'retail-insights data',
  async run() {
    throw new AppError('INTERNAL', 'The "data" command is not built yet.');
  },
};
