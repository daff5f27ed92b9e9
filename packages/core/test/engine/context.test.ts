import { describe, expect, it } from "vitest";
import { openMemory } from "../helpers.js";

describe("conversation context", () => {
  it("keeps each message's neighbours for retrieval, so a terse reply is found by the question it answers", async () => {
    const memory = await openMemory();
    const { results } = await memory.add(
      [
        { role: "user", name: "Mel", content: "Which instrument did you pick up this spring?" },
        { role: "user", name: "Caroline", content: "The cello! Lessons every Tuesday." },
        { role: "user", name: "Mel", content: "Lovely." },
      ],
      { userId: "u", infer: false },
    );
    const reply = await memory.get(results[1]!.id);
    expect(reply.content).toBe("The cello! Lessons every Tuesday.");
    expect(reply.context).toContain("Which instrument did you pick up");
    const hits = await memory.search("what instrument did Caroline pick up", { userId: "u", limit: 3 });
    expect(hits.map((h) => h.id)).toContain(reply.id);
    const single = await memory.add("A lone fact with no neighbours", { userId: "u", infer: false });
    expect((await memory.get(single.results[0]!.id)).context).toBeUndefined();
  });
});

describe("context across adds", () => {
  const at = (minute: number) => new Date(Date.UTC(2024, 4, 8, 10, minute));

  it("finds a turn added on its own, sharing no word with the query, by the turn before it", async () => {
    const memory = await openMemory();
    const turn = (content: string, minute: number) =>
      memory.add(content, { userId: "u", runId: "chat", infer: false, timestamp: at(minute) });
    await turn("Mel: Which instrument did you pick up this spring?", 0);
    const reply = (await turn("Caroline: The cello! Lessons every Tuesday.", 1)).results[0]!.id;
    await turn("Mel: Lovely, my brother plays drums in a band.", 2);
    const hits = await memory.search("which instrument was picked up this spring", { userId: "u", limit: 3 });
    expect(hits[0]?.content).toBe("Mel: Which instrument did you pick up this spring?");
    expect(hits.map((h) => h.id)).toContain(reply);
    expect(hits.find((h) => h.id === reply)!.score).toBeLessThan(hits[0]!.score);
  });

  it("lends no context across runs or hours apart: an unmatched turn there stays unfound", async () => {
    const memory = await openMemory();
    await memory.add("Mel: Which instrument did you pick up this spring?", {
      userId: "u",
      runId: "a",
      infer: false,
      timestamp: at(0),
    });
    await memory.add("Caroline: The cello! Lessons every Tuesday.", {
      userId: "u",
      runId: "b",
      infer: false,
      timestamp: at(1),
    });
    await memory.add("Sam: The trumpet, at last.", {
      userId: "u",
      runId: "a",
      infer: false,
      timestamp: new Date(at(0).getTime() + 3 * 3_600_000),
    });
    const hits = await memory.search("which instrument was picked up this spring", { userId: "u", limit: 5 });
    expect(hits.map((h) => h.content)).toEqual(["Mel: Which instrument did you pick up this spring?"]);
  });
});
