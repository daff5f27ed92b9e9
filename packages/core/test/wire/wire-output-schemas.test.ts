import { describe, expect, it } from "vitest";
import { addResultToWire, historyToWire, memoryToWire, scoredToWire } from "../../src/wire/memory-wire.js";
import {
  wireAddResultItemSchema,
  wireHistoryEntrySchema,
  wireMemorySchema,
  wireScoredMemorySchema,
} from "../../src/wire/wire-output-schemas.js";
import { openMemory } from "../helpers.js";

describe("wire output schemas", () => {
  it("accept exactly what the wire converters emit for real memories", async () => {
    const memory = await openMemory({ memory: { infer: false } });
    const added = await memory.add("Alice prefers green tea", {
      userId: "alice",
      topics: ["drinks"],
      metadata: { a: 1 },
    });
    const item = added.results[0]!;
    expect(wireAddResultItemSchema.parse(addResultToWire(added).results[0])).toMatchObject({
      id: item.id,
      event: "ADD",
    });
    await memory.update(item.id, { content: "Alice prefers black tea" });
    const updated = memoryToWire(await memory.get(item.id));
    expect(wireMemorySchema.parse(updated).content).toBe("Alice prefers black tea");
    const [hit] = await memory.search("tea", { userId: "alice" });
    expect(wireScoredMemorySchema.parse(scoredToWire(hit!)).score).toBeGreaterThan(0);
    const rows = (await memory.history(item.id)).map(historyToWire);
    expect(rows.map((r) => wireHistoryEntrySchema.parse(r).event)).toEqual(["ADD", "UPDATE"]);
  });

  it("reject a memory whose type or date is not what the wire promises", async () => {
    const memory = await openMemory({ memory: { infer: false } });
    const { results } = await memory.add("Bob lives in Lyon", { userId: "bob" });
    const wire = memoryToWire(await memory.get(results[0]!.id));
    expect(wireMemorySchema.safeParse({ ...wire, memory_type: "Factual" }).success).toBe(false);
    expect(wireMemorySchema.safeParse({ ...wire, created_at: "yesterday" }).success).toBe(false);
  });
});
