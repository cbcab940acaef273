import { ExitCode, UserError } from './errors.js';
import { sanitizeForTerminal } from './render/sanitizeForTerminal.js';

/**
 * Entry point of the `hunt-cookies` binary. Every error ends here: user errors print their
 * message and exit with 2, anything else is an internal error (exit 3) reported without a
 * stack trace unless HUNT_COOKIES_DEBUG is set.
 */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    const { runCli } = await import('./cli.js');
    process.exitCode = await runCli(argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof UserError) {
    process.stderr.write(`hunt-cookies: error: ${sanitizeForTerminal(error.message)}\n`);
    return error.exitCode;
  }

  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `hunt-cookies: internal error: ${sanitizeForTerminal(message)}\n` +
      `This is a bug in hunt-cookies (Node.js ${process.version}, ${process.platform}-${process.arch}). ` +
      'Please report it with the command line you ran; set HUNT_COOKIES_DEBUG=1 to print the stack trace.\n',
  );
  if (process.env.HUNT_COOKIES_DEBUG && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  return ExitCode.internal;
}
