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
