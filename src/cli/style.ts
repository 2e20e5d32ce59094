/**
 * Terminal colour, decided once per run: only when stdout is a terminal, and never with NO_COLOR set to anything
 * (https://no-color.org) or TERM=dumb. Hand-written SGR codes rather than util.styleText, whose own checks look at
 * process.stdout (not the stream we write to) on newer Node versions, and are absent on older Node 20 releases.
 */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const same = (text: string) => text;
export const PLAIN: Style = { bold: same, dim: same, red: same, yellow: same, cyan: same };

const sgr = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const COLOUR: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};

export function colourEnabled(terminal: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return Boolean(terminal) && !env.NO_COLOR && env.TERM !== 'dumb';
}

export function styleFor(terminal: boolean | undefined, env: NodeJS.ProcessEnv): Style {
  return colourEnabled(terminal, env) ? COLOUR : PLAIN;
}
