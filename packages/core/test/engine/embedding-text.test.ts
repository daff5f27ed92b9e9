import { describe, expect, it } from "vitest";
import { embeddingText } from "../../src/engine/embedding-text.js";

describe("embeddingText", () => {
  it("puts the speaker's name and a colon in front of the content", () => {
    expect(embeddingText({ content: "I went to the support group", actorId: "Caroline" })).toBe(
      "Caroline: I went to the support group",
    );
  });

  it("is the content alone when no speaker is known (absent, undefined or empty)", () => {
    expect(embeddingText({ content: "User likes tea" })).toBe("User likes tea");
    expect(embeddingText({ content: "User likes tea", actorId: undefined })).toBe("User likes tea");
    expect(embeddingText({ content: "User likes tea", actorId: "" })).toBe("User likes tea");
  });
});
