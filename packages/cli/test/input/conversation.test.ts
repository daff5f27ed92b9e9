import { describe, expect, it } from "vitest";
import { parseConversation } from "../../src/input/conversation.js";

describe("parseConversation", () => {
  it("reads User:/Assistant: transcripts, joining continuation lines", () => {
    expect(parseConversation("User: I moved\nto Berlin\nassistant: Nice!\nSYSTEM: be brief")).toEqual([
      { role: "user", content: "I moved\nto Berlin" },
      { role: "assistant", content: "Nice!" },
      { role: "system", content: "be brief" },
    ]);
  });

  it("reads JSON arrays and {messages} objects, keeping timestamps and ids", () => {
    const messages = [{ role: "user", content: "hi", timestamp: "2024-01-01", id: "m1" }];
    expect(parseConversation(JSON.stringify(messages))).toEqual(messages);
    expect(parseConversation(JSON.stringify({ messages }))).toEqual(messages);
  });

  it("keeps anything else as one piece of content", () => {
    expect(parseConversation("  Remember: the wifi password is on the fridge \n")).toBe(
      "Remember: the wifi password is on the fridge",
    );
  });

  it("rejects broken or empty JSON with VALIDATION", () => {
    expect(() => parseConversation("[{")).toThrow(expect.objectContaining({ code: "VALIDATION" }));
    expect(() => parseConversation("[]")).toThrow(expect.objectContaining({ code: "VALIDATION" }));
    expect(() => parseConversation('[{"role":"user"}]')).toThrow(expect.objectContaining({ code: "VALIDATION" }));
  });
});
