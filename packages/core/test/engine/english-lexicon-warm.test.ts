import { describe, expect, it } from "vitest";
import { isCommonWord, isProperName, warmLexicon } from "../../src/engine/english-lexicon.js";

describe("warmLexicon", () => {
  it("loads the dictionaries while other work keeps running, then answers like the one-piece load", async () => {
    let settled = false;
    const warming = warmLexicon().then(() => (settled = true));
    let turns = 0;
    while (!settled) {
      await new Promise((resolve) => setImmediate(resolve));
      turns += 1;
    }
    await warming;
    expect(turns).toBeGreaterThanOrEqual(3); // the ~100 ms of parsing was cut into slices
    expect(isProperName("Paris")).toBe(true);
    expect(isCommonWord("coffee")).toBe(true);
    expect(isProperName("coffee")).toBe(false);
  });
});
