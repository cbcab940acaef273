import ora, { type Ora } from 'ora';

import { sanitizeCell } from '../render/sanitizeForTerminal.js';

/**
 * Status output for people, always on stderr so that stdout carries only findings. On a
 * terminal the progress line is an ora spinner. Elsewhere (a pipe, a file, CI) progress is
 * not shown, and only the status lines are printed, as plain text.
 */
export class Reporter {
  private readonly spinner: Ora | undefined;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly quiet = false,
  ) {
    const interactive = stream.isTTY === true && !process.env.CI && !quiet;
    this.spinner = interactive ? ora({ stream, discardStdin: false }) : undefined;
  }

  /** Shows what the run is doing now; replaced by the next call. */
  progress(text: string): void {
    if (this.spinner === undefined) return;
    this.spinner.text = sanitizeCell(text);
    if (!this.spinner.isSpinning) this.spinner.start();
  }

  /** Prints a status line that stays, such as a summary. */
  info(text: string): void {
    if (this.quiet) return;
    this.write(text);
  }

  /** Prints a warning; shown even with --quiet. */
  warn(text: string): void {
    this.write(`warning: ${text}`);
  }

  /** Stops the spinner, leaving the terminal line clean. */
  stop(): void {
    this.spinner?.stop();
  }

  private write(text: string): void {
    const spinning = this.spinner?.isSpinning === true;
    if (spinning) this.spinner!.clear();
    this.stream.write(`${sanitizeCell(text)}\n`);
    if (spinning) this.spinner!.render();
  }
}
