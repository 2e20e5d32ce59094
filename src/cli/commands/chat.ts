import { AppError } from '../../errors.js';
import type { CliCommand } from '../types.js';

// Placeholder until this command is built; registered so the command list is complete.
export const chatCommand: CliCommand = {
  name: 'chat',
  summary: '(not built yet)',
  usage: 'retail-insights chat',
  async run() {
    throw new AppError('INTERNAL', 'The "chat" command is not built yet.');
  },
};
