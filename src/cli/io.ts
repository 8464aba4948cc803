/** What the CLI writes to; tests pass their own to capture output. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Whether stderr is a terminal (progress lines are shown only then). */
  isTTY: boolean;
  cwd: string;
  /** The terminal's width when stdout is a terminal (query tables are fitted to it). */
  columns?: number;
  /** This process runs one command and exits (the program as started from a shell, not a test calling main). */
  oneShot?: boolean;
  /** Stops a `build` or `validate` under way at its next stage (the daemon's client pressed Ctrl-C). */
  signal?: AbortSignal;
}

export const processIo = (): Io => ({
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY) && !process.env.CI,
  cwd: process.cwd(),
  ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
  oneShot: true,
});

/** `… | head`: the reader has gone, so nothing more is wanted; end quietly instead of with a stack trace. */
export function endQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

export { UsageError } from '../core/errors.js';
