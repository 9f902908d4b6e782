import { EXIT_USAGE } from '../common/errors.js';

/**
 * Ctrl-C and SIGTERM for the whole process (SPEC §6): the first signal asks the running job to
 * stop (stop reading, checkpoint, close, exit 0) — also when it arrives while the job is still
 * being set up; a second signal exits at once with code 2. A command that has no job to stop
 * (`validate`, `explain`, `state`) exits at the first signal with code 2.
 */
let signals = 0;
let onStop: (() => void) | null = null;
let stoppable = false;

export function installStopSignals(): void {
  const handle = (): void => {
    signals++;
    if (signals === 1 && stoppable) {
      onStop?.();
      return;
    }
    process.stderr.write('fstream: interrupted\n');
    process.exit(EXIT_USAGE);
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

/** Declares that this command stops on its own at the first signal (call before any await). */
export function stopsOnSignal(): void {
  stoppable = true;
}

/** Runs `stop` at the first signal, at once if one came already. */
export function whenStopRequested(stop: () => void): void {
  onStop = stop;
  if (signals > 0) stop();
}

/** The job is over: a signal from now on exits at once. */
export function noLongerStoppable(): void {
  stoppable = false;
  onStop = null;
}
