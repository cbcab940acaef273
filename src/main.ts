import { ExitCode, UserError } from './errors.js';
import { sanitizeCell } from './render/sanitizeForTerminal.js';
import { removeTemporaryFoldersNow } from './util/temporaryFolders.js';

/**
 * Entry point of the `hunt-cookies` binary. Every error ends here: user errors print their
 * message and exit with 2, anything else is an internal error (exit 3) reported without a
 * stack trace unless HUNT_COOKIES_DEBUG is set.
 */
export async function main(argv: readonly string[]): Promise<void> {
  process.stdout.on('error', handleStdoutError);
  // Work copies of evidence must not outlive an interrupted run. 130 and 143 are the shell's
  // codes for a process ended by SIGINT and SIGTERM.
  process.once('SIGINT', () => exitNow(130));
  process.once('SIGTERM', () => exitNow(143));
  try {
    const { runCli } = await import('./cli.js');
    process.exitCode = await runCli(argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}

/**
 * Ends the run when stdout fails. A reader that closed the pipe (`| head`) wants no more
 * output, so EPIPE exits quietly. Any other failure, such as a full disk, exits with 2.
 */
function handleStdoutError(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') {
    process.stderr.write(`hunt-cookies: error: cannot write the findings to stdout (${error.code ?? error.message}).\n`);
    exitNow(ExitCode.usageOrInput);
  }
  exitNow(Number(process.exitCode ?? ExitCode.noFindings));
}

/** Removes the run's temporary folders and exits at once, without waiting for the hunt to unwind. */
function exitNow(code: number): never {
  removeTemporaryFoldersNow();
  process.exit(code);
}

function reportError(error: unknown): number {
  if (error instanceof UserError) {
    process.stderr.write(`hunt-cookies: error: ${sanitizeCell(error.message)}\n`);
    return error.exitCode;
  }

  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `hunt-cookies: internal error: ${sanitizeCell(message)}\n` +
      `This is a bug in hunt-cookies (Node.js ${process.version}, ${process.platform}-${process.arch}). ` +
      'Please report it with the command line you ran; set HUNT_COOKIES_DEBUG=1 to print the stack trace.\n',
  );
  if (process.env.HUNT_COOKIES_DEBUG && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  return ExitCode.internal;
}
