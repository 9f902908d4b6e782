/** Byte values and lookup tables shared by the JSON byte scanner. */

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;
export const MINUS = 0x2d;
export const PLUS = 0x2b;
export const DOT = 0x2e;
export const ZERO = 0x30;
export const NINE = 0x39;

/** Returned by scanning functions instead of a position when the input is not (simple) valid JSON. */
export const FAIL = -1;

/** 1 for the four bytes JSON allows as whitespace: space, tab, LF, CR. */
export const WS = new Uint8Array(256);
WS[0x20] = WS[0x09] = WS[0x0a] = WS[0x0d] = 1;

/**
 * Classes of bytes inside a string: 0 ordinary ASCII, 1 the closing quote, 2 a backslash,
 * 3 a control character (invalid unescaped), 4 a byte of a multi-byte (or invalid) UTF-8 sequence.
 */
export const STR = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) STR[c] = 3;
STR[QUOTE] = 1;
STR[BACKSLASH] = 2;
for (let c = 0x80; c < 0x100; c++) STR[c] = 4;

/** 1 for the characters that may follow a backslash other than `u`. */
export const SIMPLE_ESCAPE = new Uint8Array(256);
for (const ch of '"\\/bfnrt') SIMPLE_ESCAPE[ch.charCodeAt(0)] = 1;

/** 1 for hexadecimal digits. */
export const HEX = new Uint8Array(256);
for (const ch of '0123456789abcdefABCDEF') HEX[ch.charCodeAt(0)] = 1;

/** Exact powers of ten: every 10^k for k ≤ 22 is a double without rounding. */
export const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
