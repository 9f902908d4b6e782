/** Reading fixed-width decimal fields by char code (no substrings, no Number()). */

/** The two-digit number at s[i], or -1. The caller makes sure i + 2 <= s.length. */
export function read2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** The four-digit number at s[i], or -1. The caller makes sure i + 4 <= s.length. */
export function read4(s: string, i: number): number {
  const hi = read2(s, i);
  const lo = read2(s, i + 2);
  return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
