import type { CliCommand } from '../types.js';
import { askCommand } from './ask.js';
import { chatCommand } from './chat.js';
import { dataCommand } from './data.js';
import { evalCommand } from './eval.js';
import { feedbackCommand } from './feedback.js';
import { schemaCommand } from './schema.js';
import { serveCommand } from './serve.js';
import { sqlCommand } from './sql.js';
import { startCommand } from './start.js';
import { statsCommand } from './stats.js';
import { summaryCommand } from './summary.js';

export const commands: CliCommand[] = [
  askCommand,
  chatCommand,
  summaryCommand,
  schemaCommand,
  statsCommand,
  sqlCommand,
  dataCommand,
  serveCommand,
  startCommand,
  evalCommand,
  feedbackCommand,
];
