import type { DeadLetterSink } from '../../engine/contracts/dead-letter.js';
import { FileTarget } from './file-target.js';

export type { DeadLetter } from '../../engine/contracts/dead-letter.js';

/** The `--errors` file: one NDJSON object per bad record, appended, buffered. */
export interface DeadLetterWriter extends DeadLetterSink {
  /** Entries written so far. */
  readonly count: number;
}

/** Opens `path` for appending (creating its directory); an open error surfaces at flush/close. */
export function createDeadLetterWriter(path: string): DeadLetterWriter {
  const target = new FileTarget(path, { append: true });
  let count = 0;
  return {
    get count() {
      return count;
    },
    write(entry) {
      count++;
      const { source, line, error, raw } = entry;
      const obj = entry.truncated === true ? { source, line, error, raw, truncated: true } : { source, line, error, raw };
      target.output.write(JSON.stringify(obj) + '\n');
    },
    flush: () => target.output.flush(),
    close: () => target.close(),
  };
}
