import { describe, expect, it } from "vitest";
import { classifyType, estimateImportance, extractEntities, extractTopics } from "../../src/engine/rules.js";
import { parseLooseJson } from "../../src/llm/json-repair.js";
import { resolveRelativeDates } from "../../src/engine/relative-dates.js";
import { openMemory } from "../helpers.js";

describe("rules", () => {
  it("classifies the six types", () => {
    expect(classifyType("To deploy, run `pnpm build` then push")).toBe("procedural");
    expect(classifyType("I'm allergic to shellfish")).toBe("personal");
    expect(classifyType("We visited Rome last week")).toBe("episodic");
    expect(classifyType("Entropy means disorder")).toBe("semantic");
    expect(classifyType("The API runs on port 8080")).toBe("factual");
    expect(classifyType("hmm")).toBe("conversational");
  });

  it("scores importance, entities and topics", () => {
    expect(estimateImportance("I am allergic to peanuts, always remember", "personal")).toBeGreaterThan(
      estimateImportance("ok", "conversational"),
    );
    expect(extractEntities("Yesterday I met Maria Lopez in New York, mail me at a@b.io")).toEqual(
      expect.arrayContaining(["Maria Lopez", "New York", "a@b.io"]),
    );
    expect(extractTopics("my dog loves the beach trip")).toEqual(expect.arrayContaining(["pets", "travel"]));
  });

  it("resolves relative dates against the message time", () => {
    const ref = new Date("2023-05-08T13:56:00Z");
    expect(resolveRelativeDates("I went hiking yesterday", ref)).toBe("I went hiking yesterday (2023-05-07)");
    expect(resolveRelativeDates("two weeks ago we moved", ref)).toBe("two weeks ago we moved (2023-04-24)");
    expect(resolveRelativeDates("last Friday was fun", ref)).toBe("last Friday was fun (2023-05-05)");
    expect(resolveRelativeDates("no dates here", ref)).toBe("no dates here");
  });

  it("repairs the JSON small models write", () => {
    expect(parseLooseJson('Sure! ```json\n{"a": [1, 2,],}\n```')).toEqual({ a: [1, 2] });
    expect(parseLooseJson('{"facts": [{"content": "x", "k": ')).toEqual({ facts: [{ content: "x" }] });
    expect(parseLooseJson("{'a': 1}")).toEqual({ a: 1 });
    // A reply cut off inside a string loses that string instead of keeping half a sentence.
    expect(parseLooseJson('{"facts": [{"content": "Alice moved"}, {"content": "Bob is allergic to pean')).toEqual({
      facts: [{ content: "Alice moved" }],
    });
    expect(parseLooseJson('{"facts": [{"content": "half a fa')).toEqual({ facts: [{}] });
    expect(parseLooseJson('["kept", "cut in hal')).toEqual(["kept"]);
    expect(parseLooseJson("nothing here")).toBeUndefined();
  });
});

describe("infer without an LLM", () => {
  it("keeps what the user said, drops chit-chat and the assistant, resolves dates from the message time", async () => {
    const memory = await openMemory();
    const { results } = await memory.add(
      [
        { role: "user", content: "hi!" },
        { role: "user", content: "I adopted a puppy yesterday", timestamp: "2023-05-08T10:00:00Z" },
        { role: "assistant", content: "Congratulations on the puppy!" },
      ],
      { userId: "u", infer: true },
    );
    expect(results.map((r) => r.memory)).toEqual(["I adopted a puppy yesterday (2023-05-07)"]);
    const m = await memory.get(results[0]!.id);
    expect(m.observedAt.toISOString()).toBe("2023-05-08T10:00:00.000Z");
    expect(m.source).toEqual(["1"]);
  });
});
