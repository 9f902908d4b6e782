/** A cursor over tokens for the recursive-descent parsers; a syntax error aborts the current stage. */
import type { DiagnosticBag } from './diagnostic.js';
import type { Token } from './lexer.js';
import type { SourceFile, Span } from './source.js';

/** Thrown to abandon the stage being parsed after its error has been reported. */
export class ParseAbort extends Error {
  constructor() {
    super('parse aborted');
  }
}

export function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'the end of the input';
    case 'string':
      return 'a string';
    case 'quoted':
      return `\`${t.text}\``;
    default:
      return `\`${t.text}\``;
  }
}

export class TokenCursor {
  private pos = 0;

  constructor(
    readonly tokens: Token[],
    readonly source: SourceFile,
    readonly bag: DiagnosticBag,
  ) {}

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }

  /** The token just consumed (for span ends). */
  prev(): Token {
    return this.tokens[Math.max(0, this.pos - 1)]!;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  isOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.text === op;
  }

  isWord(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'ident' && t.text === word;
  }

  eatOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.next();
    return true;
  }

  eatWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.next();
    return true;
  }

  expectOp(op: string, what = `\`${op}\``): Token {
    if (!this.isOp(op)) this.fail(`expected ${what}, found ${describe(this.peek())}`);
    return this.next();
  }

  /** Reports an error at the current token (or `at`) and aborts the stage. */
  fail(message: string, help: string[] = [], at: Span = this.peek().span): never {
    // One error per spot: a bad character reported by the lexer is not reported again here.
    if (!this.bag.hasAt(this.source, at.start)) this.bag.error(message, this.source, at, help);
    throw new ParseAbort();
  }

  /** Skips to the next top-level `|` (not consuming it) after an error. */
  skipToPipe(): void {
    while (!this.atEnd() && !this.isOp('|')) this.next();
  }
}

export function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
