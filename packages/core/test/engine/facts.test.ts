import { describe, expect, it } from "vitest";
import { llmFacts, neighbourContext, ruleFact, ruleFacts, verbatimFacts } from "../../src/engine/facts.js";
import { EXTRACTION_SYSTEM, extractionReplySchema, extractionUser } from "../../src/engine/prompts.js";
import type { JsonCompletionRequest, Llm } from "../../src/llm/llm.js";
import type { Message } from "../../src/types/message.js";

const T1 = new Date("2023-05-08T10:00:00Z");
const T2 = new Date("2023-05-09T10:00:00Z");
const FALLBACK = new Date("2024-01-01T00:00:00Z");

describe("neighbourContext", () => {
  const msgs: Message[] = [
    { role: "user", content: "first" },
    { role: "assistant", content: "second" },
    { role: "user", content: "third" },
  ];

  it("is the message before and the one after, each on its own line", () => {
    expect(neighbourContext(msgs, 1)).toBe("first\nthird");
    expect(neighbourContext(msgs, 0)).toBe("second");
    expect(neighbourContext(msgs, 2)).toBe("second");
    expect(neighbourContext([msgs[0]!], 0)).toBeUndefined();
  });

  it("keeps the first 400 characters of each neighbour", () => {
    const long = "x".repeat(500);
    expect(neighbourContext([{ role: "user", content: long }, msgs[0]!], 1)).toBe("x".repeat(400));
  });
});

describe("ruleFact", () => {
  it("classifies, scores and tags by rules when the caller chose nothing, with no optional fields", () => {
    expect(ruleFact("I'm allergic to shellfish", T1, ["3"], {})).toStrictEqual({
      content: "I'm allergic to shellfish",
      memoryType: "personal",
      importance: 0.85,
      entities: [],
      topics: ["food", "health"],
      source: ["3"],
      observedAt: T1,
    });
  });

  it("scores by the caller's type, puts the caller's topics first without repeats, keeps role, actor and expiry", () => {
    const expires = new Date("2030-01-01T00:00:00Z");
    const o = { memoryType: "episodic" as const, topics: ["health", "diet"], role: "user", actorId: "ann" };
    expect(ruleFact("I'm allergic to shellfish", T1, ["0"], { ...o, expiresAt: expires })).toStrictEqual({
      content: "I'm allergic to shellfish",
      memoryType: "episodic",
      importance: 0.65,
      entities: [],
      topics: ["health", "diet", "food"],
      source: ["0"],
      observedAt: T1,
      role: "user",
      actorId: "ann",
      expiresAt: expires,
    });
    const never = ruleFact("I'm allergic to shellfish", T1, ["0"], { importance: 0.2, expiresAt: null });
    expect(never.importance).toBe(0.2);
    expect(never.expiresAt).toBeNull();
    expect("role" in ruleFact("x", T1, [], { role: "", actorId: "" })).toBe(false);
    expect("actorId" in ruleFact("x", T1, [], { role: "", actorId: "" })).toBe(false);
  });
});

describe("verbatimFacts", () => {
  it("stores every message as given, all roles, with its speaker, time, source and neighbours", async () => {
    const msgs: Message[] = [
      { role: "system", content: "Be brief" },
      { role: "user", content: "hi yesterday", name: "Ann", id: "m-1", timestamp: T1 },
      { role: "assistant", content: "Hello Ann" },
    ];
    const facts = await verbatimFacts(msgs, FALLBACK, {});
    expect(facts.map((f) => [f.content, f.role, f.actorId, f.source, f.observedAt, f.context])).toEqual([
      ["Be brief", "system", undefined, ["0"], FALLBACK, "hi yesterday"],
      ["hi yesterday", "user", "Ann", ["m-1"], T1, "Be brief\nHello Ann"],
      ["Hello Ann", "assistant", undefined, ["2"], FALLBACK, "hi yesterday"],
    ]);
  });

  it("lets the caller's role and actor win over the message's", async () => {
    const facts = await verbatimFacts([{ role: "user", content: "tea", name: "Ann" }], FALLBACK, {
      role: "tool",
      actorId: "bot",
    });
    expect([facts[0]!.role, facts[0]!.actorId, "context" in facts[0]!]).toEqual(["tool", "bot", false]);
  });
});

describe("ruleFacts", () => {
  it("keeps what users said, drops the assistant, the system and chit-chat, dates each message by its own time", async () => {
    const msgs: Message[] = [
      { role: "system", content: "Be brief" },
      { role: "user", content: "hi!", timestamp: T1 },
      { role: "user", content: "I adopted a puppy yesterday", name: "Ann", timestamp: T2 },
      { role: "assistant", content: "Congratulations!" },
      { role: "tool", content: "Bought tea yesterday" },
    ];
    const facts = await ruleFacts(msgs, FALLBACK, {});
    expect(facts.map((f) => [f.content, f.role, f.actorId, f.source, f.observedAt, f.context])).toEqual([
      ["I adopted a puppy yesterday (2023-05-08)", "user", "Ann", ["2"], T2, "hi!\nCongratulations!"],
      ["Bought tea yesterday (2023-12-31)", "tool", undefined, ["4"], FALLBACK, "Congratulations!"],
    ]);
  });

  it("drops only whole greetings and acknowledgements, with trailing punctuation or spaces", async () => {
    const chat = ["hi", "  Hello!! ", "thanks.", "thank you", "good morning", "Good night!", "ok ,", "COOL"];
    const kept = ["hi there, I am Ann", "say hi", "good evening", "okay then I will go", "cool story about tea"];
    const facts = await ruleFacts(
      [...chat, ...kept].map((content) => ({ role: "user", content })),
      FALLBACK,
      {},
    );
    expect(facts.map((f) => f.content)).toEqual(kept);
  });

  it("falls back to every message when nobody but the assistant or system spoke", async () => {
    const msgs: Message[] = [
      { role: "system", content: "The user likes tea" },
      { role: "assistant", content: "ok" },
      { role: "assistant", content: "Noted: tea" },
    ];
    const facts = await ruleFacts(msgs, FALLBACK, { role: "user", actorId: "x" });
    expect(facts.map((f) => [f.content, f.role, f.actorId, f.source])).toEqual([
      ["The user likes tea", "user", "x", ["0"]],
      ["Noted: tea", "user", "x", ["2"]],
    ]);
  });

  it("is empty when everything is chit-chat", async () => {
    expect(await ruleFacts([{ role: "user", content: "thanks" }], FALLBACK, {})).toEqual([]);
  });
});

/** A model that answers the extraction call with `reply`, read through the request's own schema. */
function fakeLlm(reply: unknown): { llm: Llm; requests: JsonCompletionRequest<unknown>[] } {
  const requests: JsonCompletionRequest<unknown>[] = [];
  const llm = {
    id: "fake",
    available: true,
    completeJson: async <T>(request: JsonCompletionRequest<T>): Promise<T> => {
      requests.push(request as JsonCompletionRequest<unknown>);
      return request.schema.parse(reply);
    },
  } as Llm;
  return { llm, requests };
}

const fact = (content: string, source: number[], extra: Record<string, unknown> = {}) => ({
  content,
  memory_type: "personal",
  importance: 0.8,
  entities: ["Ann"],
  topics: ["Food", "Travel"],
  source,
  ...extra,
});

describe("llmFacts", () => {
  const msgs: Message[] = [
    { role: "user", content: "I love sushi", name: "Ann", timestamp: T1 },
    { role: "assistant", content: "Nice", id: "a-1", timestamp: T2 },
  ];

  it("asks once with the conversation dated by its latest message, and no signal unless given", async () => {
    const { llm, requests } = fakeLlm({ facts: [] });
    expect(await llmFacts(llm, msgs, FALLBACK, {})).toEqual([]);
    expect(requests).toStrictEqual([
      {
        system: EXTRACTION_SYSTEM,
        user: extractionUser(msgs, T2),
        schema: extractionReplySchema(),
        task: "fact extraction",
      },
    ]);
    const signal = new AbortController().signal;
    await llmFacts(llm, [...msgs].reverse(), FALLBACK, {}, signal);
    expect(requests[1]!.user).toBe(extractionUser([...msgs].reverse(), T2));
    expect(requests[1]!.signal).toBe(signal);
  });

  it("dates a conversation without timestamps by the fallback", async () => {
    const { llm, requests } = fakeLlm({ facts: [fact("x", [])] });
    const facts = await llmFacts(llm, [{ role: "user", content: "x" }], FALLBACK, {});
    expect(requests[0]!.user).toBe(extractionUser([{ role: "user", content: "x" }], FALLBACK));
    expect(facts[0]!.observedAt).toEqual(FALLBACK);
  });

  it("with no messages, dates the request by the fallback and gives facts no source", async () => {
    const { llm, requests } = fakeLlm({ facts: [fact("x", [0])] });
    const facts = await llmFacts(llm, [], FALLBACK, {});
    expect(requests[0]!.user).toBe(extractionUser([], FALLBACK));
    expect(facts.map((f) => [f.source, f.observedAt, "role" in f])).toEqual([[[], FALLBACK, false]]);
  });

  it("maps each fact: sources in range as ids, latest source time, speaker of the first source", async () => {
    const { llm } = fakeLlm({ facts: [fact("Ann loves sushi", [0, 1, 2]), fact("Ann chats", [1, 0])] });
    const facts = await llmFacts(llm, msgs, FALLBACK, {});
    expect(facts).toStrictEqual([
      {
        content: "Ann loves sushi",
        memoryType: "personal",
        importance: 0.8,
        entities: ["Ann"],
        topics: ["food", "travel"],
        source: ["0", "a-1"],
        observedAt: T2,
        role: "user",
        actorId: "Ann",
      },
      {
        content: "Ann chats",
        memoryType: "personal",
        importance: 0.8,
        entities: ["Ann"],
        topics: ["food", "travel"],
        source: ["a-1", "0"],
        observedAt: T2,
        role: "assistant",
      },
    ]);
  });

  it("a fact without a source is dated by the conversation and has no speaker", async () => {
    const { llm } = fakeLlm({ facts: [fact("Ann is vegan", [])] });
    const [f] = await llmFacts(llm, msgs, FALLBACK, {});
    expect(f).toStrictEqual({
      content: "Ann is vegan",
      memoryType: "personal",
      importance: 0.8,
      entities: ["Ann"],
      topics: ["food", "travel"],
      source: [],
      observedAt: T2,
    });
  });

  it("takes the earliest source's time only when it is the only one timed", async () => {
    const { llm } = fakeLlm({ facts: [fact("x", [0, 1])] });
    const timed: Message[] = [
      { role: "user", content: "a", timestamp: T2 },
      { role: "user", content: "b", timestamp: T1 },
      { role: "user", content: "c" },
    ];
    expect((await llmFacts(llm, timed, FALLBACK, {}))[0]!.observedAt).toEqual(T2);
    const { llm: one } = fakeLlm({ facts: [fact("x", [2, 1])] });
    expect((await llmFacts(one, timed, FALLBACK, {}))[0]!.observedAt).toEqual(T1);
  });

  it("lets the caller's choices win and merges the caller's topics first", async () => {
    const { llm } = fakeLlm({ facts: [fact("x", [0], { ttl: "7d" })] });
    const o = {
      memoryType: "semantic" as const,
      importance: 0.1,
      topics: ["food", "diet"],
      role: "tool",
      actorId: "b",
    };
    const [f] = await llmFacts(llm, msgs, FALLBACK, { ...o, expiresAt: null });
    expect(f).toStrictEqual({
      content: "x",
      memoryType: "semantic",
      importance: 0.1,
      entities: ["Ann"],
      topics: ["food", "diet", "travel"],
      source: ["0"],
      observedAt: T1,
      role: "tool",
      actorId: "b",
      expiresAt: null,
    });
  });

  it("keeps the expiry the extraction proposed, counted from when the fact was said", async () => {
    const { llm } = fakeLlm({ facts: [fact("x", [0], { ttl: "7d" })] });
    const [f] = await llmFacts(llm, msgs, FALLBACK, {});
    expect(f!.expiresAt).toEqual(new Date("2023-05-15T10:00:00Z"));
  });
});
