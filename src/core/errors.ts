// Errors shared by every stage. They live at the root of src/ so that a stage never imports from a stage above it
// (test/layers.test.ts checks the direction of every import).

/** An error the CLI reports in one line (exit 1) without a stack trace: a wrong option, a missing file, a bad query. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
