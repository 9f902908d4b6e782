import type { Rec } from '../../engine/record.js';
import type { Encoder } from './encoder.js';

/** One JSON object per line. Non-finite numbers become `null`, as `JSON.stringify` does. */
export class NdjsonEncoder implements Encoder {
  encode(rec: Rec): string {
    return JSON.stringify(rec) + '\n';
  }

  flush(): string {
    return '';
  }
}
