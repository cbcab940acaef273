/** Exit codes of the CLI; scripts and wrappers depend on them. */
export const ExitCode = {
  noFindings: 0,
  findings: 1,
  usageOrInput: 2,
  internal: 3,
  /** `hunt-cookies batch`: at least one dump failed; the others were hunted. */
  batchFailures: 4,
} as const;

/**
 * An error the user can fix: a bad option, an unreadable file or an unknown layout.
 * The message is printed as it is, without a stack trace, and the process exits with 2.
 */
export class UserError extends Error {
  readonly exitCode = ExitCode.usageOrInput;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UserError';
  }
}

/** A command-line mistake: an unknown option or an invalid option value. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An input file that cannot be read as a sign-in export. The message names the file. */
export class InputError extends UserError {
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
    this.name = 'InputError';
  }
}
