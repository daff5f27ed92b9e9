/**
 * How much of a query a memory covers, for BM25 re-weighting: BM25 sums its matched terms, so a
 * memory repeating one common query word can outrank one holding most of the query; weighing the
 * sum by the IDF-weighted share of distinct query terms matched favours the latter.
 */

/** Query terms past this many are scored but do not count in coverage (one bit per term). */
export const COVERAGE_TERMS = 30;
/** Power of a memory's own coverage applied to its BM25 score before it lends to its neighbours. */
export const OWN_COVERAGE_POWER = 0.5;
/**
 * Power of the coverage of a memory together with the scored memories around it (the ones that
 * lent it score) applied to its final score: a reply and the question it answers cover the query together.
 */
export const CONTEXT_COVERAGE_POWER = 1;

/** The bit of the `i`-th query term in a coverage mask (0 past {@link COVERAGE_TERMS}). */
export const termBit = (i: number): number => (i < COVERAGE_TERMS ? 2 ** i : 0);

/**
 * The IDF-weighted coverage of the query terms whose IDFs are `idfs` by the terms set in `mask`
 * (a bitwise OR of {@link termBit}), in 0..1; 0 when no counted term has weight.
 */
export function coverage(mask: number, idfs: readonly number[]): number {
  let covered = 0;
  let total = 0;
  const n = Math.min(idfs.length, COVERAGE_TERMS);
  for (let i = 0; i < n; i++) {
    const idf = idfs[i] as number;
    total += idf;
    if (mask & (1 << i)) covered += idf;
  }
  return total > 0 ? covered / total : 0;
}
