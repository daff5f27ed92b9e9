import { describe, expect, it } from "vitest";
import { words } from "../../src/util/text.js";

describe("words", () => {
  it("splits ASCII text into lowercase words and digits, apostrophes folded", () => {
    expect(words("Don't STOP-me_now, 42x! it's Bob's")).toEqual(["dont", "stop", "me", "now", "42x", "its", "bobs"]);
    expect(words("")).toEqual([]);
    expect(words("  ?! ")).toEqual([]);
  });

  it("gives ASCII words the same split when the text also holds other scripts", () => {
    const ascii = "Don't STOP-me_now, 42x! it's Bob's";
    // One accented or typographic character sends the text through the Unicode path: same words.
    expect(words(`${ascii} é`)).toEqual([...words(ascii), "e"]);
    expect(words("It’s Café Müller in 東京 москва")).toEqual(["its", "cafe", "muller", "in", "東京", "москва"]);
  });
});
