/**
 * A warning for the user on stderr (`fstream: warning: ...`): something was skipped or done
 * again, and the job goes on. Never on stdout.
 */
export function warn(message: string): void {
  process.stderr.write(`fstream: warning: ${message}\n`);
}
