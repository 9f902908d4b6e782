import type { Rec } from '../../common/record.js';
import type { LineDecoder } from '../../engine/contracts/decoder.js';

/** `lines`: every line, empty ones included, as `{ line: "..." }`. */
export class LinesDecoder implements LineDecoder {
  decode(line: string): Rec {
    return { line };
  }
}
