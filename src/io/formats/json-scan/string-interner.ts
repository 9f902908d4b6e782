import { latin1 } from './materialise.js';

const SLOTS = 4096;
/** Longer strings are always made afresh (comparing them costs about as much as making them). */
export const MAX_INTERNED_BYTES = 48;
/** Lookups after which the hit rate is judged. */
const TRIAL = 8192;

/**
 * Strings of one field made from plain bytes (ASCII, no escapes), reusing the string made before
 * for the same bytes: values such as hosts, routes, methods and user ids repeat, and a reused
 * string costs no allocation, and later no hashing again when it is used as a key.
 * A direct-mapped table by a hash of the bytes; a field whose values rarely repeat (ids,
 * timestamps) turns interning off after a trial.
 */
export class StringInterner {
  private readonly strings: (string | undefined)[] = new Array<string | undefined>(SLOTS);
  private readonly hashes = new Int32Array(SLOTS);
  private lookups = 0;
  private hits = 0;
  /** False once the trial showed that the values seldom repeat. */
  useful = true;

  /** `buf[start, end)` as a string (plain bytes, at most MAX_INTERNED_BYTES of them). */
  get(buf: Uint8Array, start: number, end: number): string {
    let h = end - start;
    for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    h ^= h >>> 15;
    const slot = h & (SLOTS - 1);
    const s = this.strings[slot];
    if (++this.lookups === TRIAL) this.useful = this.hits * 4 >= TRIAL;
    if (s !== undefined && this.hashes[slot] === h && s.length === end - start) {
      let j = 0;
      while (j < s.length && s.charCodeAt(j) === buf[start + j]) j++;
      if (j === s.length) {
        this.hits++;
        return s;
      }
    }
    const made = latin1(buf as Buffer, start, end);
    this.strings[slot] = made;
    this.hashes[slot] = h;
    return made;
  }
}
