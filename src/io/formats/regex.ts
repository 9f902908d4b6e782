import { setField, type Rec } from '../../common/record.js';
import { compileUserRegex, UserRegexError } from '../../common/regex/user-regex.js';
import { UsageError } from '../../common/errors.js';
import { DecodeError, type LineDecoder } from '../../engine/contracts/decoder.js';
import { textValue } from '../../common/scalar.js';

/**
 * `regex:PATTERN`: a line must match PATTERN (anywhere, unless anchored); each named group
 * becomes a field: numbers become numbers, a group that did not take part is null.
 * The pattern is compiled once, to match in linear time (dsl/user-regex.ts); an invalid pattern,
 * one that cannot run in linear time, or one without named groups is a UsageError.
 */
export class RegexDecoder implements LineDecoder {
  private readonly re: RegExp;
  private readonly names: string[];

  constructor(pattern: string) {
    try {
      this.re = compileUserRegex(pattern);
    } catch (err) {
      throw new UsageError((err as Error).message, err instanceof UserRegexError ? err.help : []);
    }
    this.names = namedGroups(this.re);
    if (this.names.length === 0) {
      throw new UsageError('the regex has no named groups', ['name what to keep: (?<status>\\d+)']);
    }
  }

  decode(line: string): Rec | undefined {
    const m = this.re.exec(line);
    if (m === null) {
      if (line.trim() === '') return undefined;
      throw new DecodeError('line does not match the regex');
    }
    const groups = m.groups as Record<string, string | undefined>;
    const rec: Rec = {};
    for (const name of this.names) {
      const g = groups[name];
      setField(rec, name, g === undefined ? null : textValue(g));
    }
    return rec;
  }
}

/** The group names of `re`, in order, as written in its source. */
function namedGroups(re: RegExp): string[] {
  const names: string[] = [];
  const scan = /\(\?<([A-Za-z_$][\w$]*)>/g;
  for (let m = scan.exec(re.source); m !== null; m = scan.exec(re.source)) names.push(m[1] as string);
  return names;
}
