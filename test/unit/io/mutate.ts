import fc from 'fast-check';

/**
 * A line with 1–3 random edits: a character from `alphabet` inserted, or one character removed,
 * at random places. Used to turn well-formed lines into adversarial ones.
 */
export function mutated(line: fc.Arbitrary<string>, alphabet: string): fc.Arbitrary<string> {
  const ch = fc.constantFrom(...alphabet.split(''));
  return fc.tuple(line, fc.array(fc.tuple(fc.boolean(), fc.nat(), ch), { minLength: 1, maxLength: 3 })).map(([text, edits]) => {
    for (const [insert, at, c] of edits) {
      const p = at % (text.length + 1);
      text = insert ? text.slice(0, p) + c + text.slice(p) : text.slice(0, p) + text.slice(p + 1);
    }
    return text;
  });
}

/** `fields` for a projection: some of the names the line may hold, plus some it does not. */
export function someFields(names: readonly string[], others: readonly string[]): fc.Arbitrary<string[]> {
  return fc
    .tuple(fc.subarray([...new Set(names)]), fc.subarray([...others], { maxLength: 2 }))
    .chain(([some, other]) => fc.shuffledSubarray([...some, ...other], { minLength: some.length + other.length }));
}

/** Runs per property; raise locally (e.g. PROJECTION_RUNS=20000) for a deeper search. */
export const RUNS = Number(process.env.PROJECTION_RUNS ?? 400);
