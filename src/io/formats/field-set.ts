/**
 * The set of field names a projecting decoder keeps, looked up by a span of the line so that a
 * key that is not wanted is never sliced into a string.
 */
export class FieldSet {
  /** Wanted names grouped by length: most spans are rejected by their length alone. */
  private readonly byLength: (string[] | undefined)[] = [];
  private readonly names: Set<string>;

  constructor(fields: readonly string[]) {
    this.names = new Set(fields);
    for (const name of this.names) (this.byLength[name.length] ??= []).push(name);
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  /**
   * The wanted name equal to `line.slice(start, end)`, or undefined. The name returned is the
   * set's own string, so the caller can use it as the record's key without slicing.
   */
  find(line: string, start: number, end: number): string | undefined {
    const candidates = this.byLength[end - start];
    if (candidates === undefined) return undefined;
    for (let k = 0; k < candidates.length; k++) {
      const name = candidates[k] as string;
      if (line.startsWith(name, start)) return name;
    }
    return undefined;
  }
}
