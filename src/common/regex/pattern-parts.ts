/** The named groups of a regex source, in the order written. */
export function groupNames(source: string): string[] {
  const names: string[] = [];
  const scan = /\(\?<([A-Za-z_$][\w$]*)>/g;
  for (let m = scan.exec(source); m !== null; m = scan.exec(source)) names.push(m[1] as string);
  return names;
}

/**
 * angle-grinder's `parse` patterns: literal text with `*` wildcards → a regex source (matched
 * anywhere in the text) with the named group `w0`, `w1`, ... per `*`. A wildcard takes as little
 * as it can before the literal text after it; one at the end of the pattern takes the rest.
 */
export function wildcardRegex(pattern: string): { source: string; wildcards: number } {
  const parts = pattern.split('*');
  let source = '';
  for (let i = 0; i < parts.length; i++) {
    source += parts[i]!.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    if (i < parts.length - 1) source += i === parts.length - 2 && parts[i + 1] === '' ? `(?<w${i}>.*)` : `(?<w${i}>.*?)`;
  }
  return { source, wildcards: parts.length - 1 };
}
