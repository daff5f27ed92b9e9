import { describe, expect, it } from "vitest";
import { SPEAKER_FACTOR, speakerFactor, speakerTerms } from "../../src/indexing/query-speaker.js";
import { openMemory } from "../helpers.js";

describe("speakerTerms: who said a memory", () => {
  it("is the actor's name as index terms, else the name the content starts with", () => {
    expect(speakerTerms("Melanie", "Wow, Caroline, that is great!")).toEqual(["melani"]);
    expect(speakerTerms(null, "Caroline: I went to a support group")).toEqual(["carolin"]);
    expect(speakerTerms(null, "Mary-Jo O'Neil: hello")).toEqual(["mari", "jo", "oneil"]);
    expect(speakerTerms("bot", "Caroline: quoted")).toEqual(["bot"]);
  });

  it("is empty without an actor or a leading name followed by a colon and a space", () => {
    expect(speakerTerms(null, "I went to a support group")).toEqual([]);
    expect(speakerTerms(null, "Meeting at 10:30 with Caroline")).toEqual([]);
    expect(speakerTerms(null, "see https://example.org")).toEqual([]);
    expect(speakerTerms(null, `${"a".repeat(41)}: too long for a name`)).toEqual([]);
  });
});

describe("speakerFactor", () => {
  it("weighs a memory whose speaker the query names, and no other", () => {
    const factor = speakerFactor(["melani", "paint"]);
    expect(factor({ speaker: ["melani"] })).toBe(SPEAKER_FACTOR);
    expect(factor({ speaker: ["carolin"] })).toBe(1);
    expect(factor({ speaker: [] })).toBe(1);
  });
});

describe("search: names in the query against who said each memory", () => {
  const turns = [
    ["Caroline", "Wow, Melanie, you painted a lake at sunrise?"],
    ["Melanie", "Yes, I painted a horse last week, and a lake before."],
  ] as const;

  it("ranks what the named person said above what was said to them (one add of named messages)", async () => {
    const memory = await openMemory();
    const messages = turns.map(([name, content]) => ({ role: "user" as const, name, content }));
    await memory.add(messages, { userId: "u", infer: false });
    const hits = await memory.search("what has Melanie painted?", { userId: "u" });
    expect(hits.map((h) => h.content)).toEqual([turns[1][1], turns[0][1]]);
    expect(await memory.search("quantum chromodynamics lecture", { userId: "u" })).toEqual([]);
  });

  it("does the same for turns added one by one as 'Name: text'", async () => {
    const memory = await openMemory();
    for (const [name, content] of turns) await memory.add(`${name}: ${content}`, { userId: "u", infer: false });
    const hits = await memory.search("what has Melanie painted?", { userId: "u" });
    expect(hits.map((h) => h.content)).toEqual([`Melanie: ${turns[1][1]}`, `Caroline: ${turns[0][1]}`]);
  });
});
