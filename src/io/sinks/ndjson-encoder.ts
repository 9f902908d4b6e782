import { jsonText } from '../../common/json-text.js';
import type { Rec } from '../../common/record.js';
import type { Encoder } from './encoder.js';

/** One JSON object per line. Non-finite numbers become `"Infinity"`, `"-Infinity"`, `"NaN"` (see jsonText). */
export class NdjsonEncoder implements Encoder {
  encode(rec: Rec): string {
    return jsonText(rec) + '\n';
  }

  flush(): string {
    return '';
  }
}
