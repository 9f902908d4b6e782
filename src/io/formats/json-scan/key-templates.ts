/** Keys remembered per position in the line (the first this many keys of an object). */
const MAX_KEYS = 32;
/** Longest remembered key text, closing quote and colon included, in 32-bit words. */
const MAX_WORDS = 4;

/**
 * The keys of the last lines, by position: lines of one source nearly always repeat their key
 * order, so the n-th key of a line is first compared, four bytes at a time, with the n-th key
 * seen before — its text, closing quote and colon (`status":`) — instead of being scanned byte by
 * byte and looked up. A match proves the bytes are that same valid key (the remembered bytes were
 * validated when learned), so the field index learned with them applies.
 *
 * Only plain keys (no escapes, no bytes ≥ 0x80) directly followed by `:` are learned.
 */
export class KeyTemplates {
  /** Number of positions learned: a position is learned only after the ones before it. */
  count = 0;
  /** Per position: the key bytes packed little-endian, MAX_WORDS words each (zero-padded). */
  private readonly words = new Int32Array(MAX_KEYS * MAX_WORDS);
  /** Per position: the number of words to compare (the last one masked). */
  private readonly nWords = new Int32Array(MAX_KEYS);
  private readonly lastMask = new Int32Array(MAX_KEYS);
  /** Per position: bytes covered (key text + quote + colon). */
  readonly lengths = new Int32Array(MAX_KEYS);
  /** Per position: the requested field index of the key, or -1. */
  readonly fields = new Int32Array(MAX_KEYS);

  /**
   * True when the bytes at `p` (just after the key's opening quote) are the key learned at
   * position `ord`. `view` covers `buf` (same offsets); nothing at or past `end` is read.
   */
  matches(view: DataView<ArrayBufferLike>, p: number, end: number, ord: number): boolean {
    const n = this.nWords[ord]!;
    if (p + n * 4 > end) return false;
    const base = ord * MAX_WORDS;
    const words = this.words;
    let j = 0;
    for (; j < n - 1; j++) if (view.getInt32(p + 4 * j, true) !== words[base + j]) return false;
    return (view.getInt32(p + 4 * j, true) & this.lastMask[ord]!) === words[base + j];
  }

  /**
   * Remembers `buf[start, end)` — a plain key's text with its closing quote and colon — as the
   * key at position `ord` (only the next unlearned position, or a learned one being replaced).
   */
  learn(ord: number, buf: Uint8Array, start: number, end: number, field: number): void {
    const len = end - start;
    if (ord > this.count || ord >= MAX_KEYS || len > MAX_WORDS * 4) return;
    const base = ord * MAX_WORDS;
    for (let j = 0; j < MAX_WORDS; j++) {
      let w = 0;
      for (let b = 0; b < 4; b++) {
        const p = start + j * 4 + b;
        if (p < end) w |= buf[p]! << (8 * b);
      }
      this.words[base + j] = w;
    }
    const rem = len & 3;
    this.nWords[ord] = (len + 3) >> 2;
    this.lastMask[ord] = rem === 0 ? -1 : (1 << (8 * rem)) - 1;
    this.lengths[ord] = len;
    this.fields[ord] = field;
    if (ord === this.count) this.count++;
  }
}
