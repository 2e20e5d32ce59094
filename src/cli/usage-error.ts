/**
 * A mistake on the command line (unknown flag, missing value, missing question): exit code 2, and the message
 * says which command's --help lists what is accepted. Runtime failures are AppErrors and exit 1.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage applies; unset for the top-level line. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
