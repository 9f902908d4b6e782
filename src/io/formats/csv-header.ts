/**
 * The field names of a csv/tsv header row, one per cell and all distinct, with DuckDB's rule
 * (`read_csv`), except that names are compared case-sensitively, as fields are:
 *
 * - an empty cell is named `_N` (N = its 1-based column);
 * - a name already taken by an earlier column gets `_K` appended, K counting that name's repeats
 *   from 1, and again until the result is free: `a,a,a` → `a, a_1, a_2`; `a,a,a_1` →
 *   `a, a_1, a_1_1`.
 */
export function headerNames(cells: readonly string[]): string[] {
  const repeats = new Map<string, number>();
  const names: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    let name = cells[i] === '' ? `_${i + 1}` : (cells[i] as string);
    for (let k = repeats.get(name); k !== undefined; k = repeats.get(name)) {
      repeats.set(name, k + 1);
      name = `${name}_${k + 1}`;
    }
    repeats.set(name, 0);
    names.push(name);
  }
  return names;
}
