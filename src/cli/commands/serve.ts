import { AppError } from '../../errors.js';
import type { CliCommand } from '../types.js';

// Placeholder until this command is built; registered so the command list is complete.
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: '(not built yet)',
  usage: 'retail-insights serve',
  async run() {
    throw new AppError('INTERNAL', 'The "serve" command is not built yet.');
  },
};
