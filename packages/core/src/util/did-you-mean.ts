/** Levenshtein edit distance between two strings (insertions, deletions and substitutions cost 1). */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

/** The same name in snake_case (`createdAfter` → `created_after`), to compare across spellings. */
const folded = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();

/**
 * The closest of `known` to `key` when it is close enough to be a typo (≤ 2 edits, ≤ a third of
 * the key), or the same name in the other spelling (`createdAfter` for `created_after`). The one
 * "did you mean" of every door: config keys, wire fields, tool arguments and library options.
 */
export function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    if (candidate === key) continue;
    const d = folded(key) === folded(candidate) ? 0 : editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.min(2, Math.ceil(key.length / 3)) ? best : undefined;
}

/** The message of an unknown field: `unknown field` plus `; did you mean x?` when one is close. */
export function unknownFieldMessage(key: string, known: readonly string[], what = "field"): string {
  const suggestion = closest(key, known);
  return suggestion === undefined ? `unknown ${what}` : `unknown ${what}; did you mean ${suggestion}?`;
}
