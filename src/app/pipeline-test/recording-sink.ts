import type { Rec } from '../../common/record.js';
import type { Sink } from '../../engine/contracts/sink.js';

/** A sink that keeps what it is given: records, and NDJSON lines (a `--late` sink gets these). */
export class RecordingSink implements Sink {
  readonly records: Rec[] = [];
  readonly lines: string[] = [];
  readonly acceptsNdjson: boolean = false;
  readonly closed: boolean = false;
  write(rec: Rec): void {
    this.records.push(rec);
  }
  writeNdjson(text: string): void {
    for (const line of text.split('\n')) if (line !== '') this.lines.push(line);
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}
