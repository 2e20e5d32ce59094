// Source entry for `npm run dev` (tsx): the same CLI as bin/retail-insights.js without a build step.
import { runCli } from './main.js';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
