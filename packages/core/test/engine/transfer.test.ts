import { describe, expect, it } from "vitest";
import { ErrorCode, isCortexMemError } from "../../src/errors.js";
import { openMemory } from "../helpers.js";

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe("export / import", () => {
  it("round-trips memories, vectors, history and deleted memories' history exactly", async () => {
    const source = await openMemory();
    const a = (
      await source.add("I like jazz", {
        userId: "u",
        infer: false,
        metadata: { nested: { deep: [1, "two", null] } },
        timestamp: "2022-02-02T02:02:02Z",
      })
    ).results[0]!;
    await source.add("Café au lait, s'il vous plaît ☕", { userId: "u", agentId: "bot", infer: false });
    await source.update(a.id, { content: "I like jazz and blues" });
    const gone = (await source.add("to be deleted", { userId: "u", infer: false })).results[0]!;
    await source.delete(gone.id);
    const lines = await collect(source.export());
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: "header", format: "cortex-mem-export" });

    const target = await openMemory();
    const summary = await target.import(lines);
    expect(summary).toMatchObject({ imported: 2, skipped: 0 });
    const before = (await source.list({ limit: 100 })).memories;
    const after = (await target.list({ limit: 100 })).memories;
    expect(after).toEqual(before);
    expect(await target.history(a.id)).toEqual(await source.history(a.id));
    expect(await target.history(gone.id)).toEqual(await source.history(gone.id));
    expect((await target.search("blues", { userId: "u" }))[0]?.id).toBe(a.id);
    expect(await collect(target.export())).toHaveLength(lines.length);
  });

  it("is idempotent: a second import adds nothing", async () => {
    const source = await openMemory();
    for (let i = 0; i < 5; i++) await source.add(`fact ${i}`, { userId: "u", infer: false });
    const lines = await collect(source.export());
    const target = await openMemory();
    await target.import(lines);
    const again = await target.import(lines);
    expect(again).toMatchObject({ imported: 0, skipped: 5 });
    expect((await target.stats()).total).toBe(5);
    expect((await target.stats()).historyEntries).toBe(5);
  });

  it("re-embeds when the export came from another embedder", async () => {
    const source = await openMemory({ embedding: { dimensions: 128 } });
    await source.add("the garden needs water on Sundays", { userId: "u", infer: false });
    const lines = await collect(source.export());
    const target = await openMemory();
    await target.import(lines);
    expect((await target.search("garden water", { userId: "u" }))[0]?.content).toBe(
      "the garden needs water on Sundays",
    );
  });

  it("rejects a broken line with VALIDATION and keeps earlier batches only when flushed", async () => {
    const target = await openMemory();
    const error = await target
      .import(['{"type":"header","format":"cortex-mem-export"}', "{not json"])
      .catch((e: unknown) => e);
    expect(isCortexMemError(error, ErrorCode.VALIDATION)).toBe(true);
    expect((await target.stats()).total).toBe(0);
  });
});
