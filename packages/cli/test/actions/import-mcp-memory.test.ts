import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, tempHome, total } from "../helpers.js";

const GRAPH = [
  {
    type: "entity",
    name: "John_Smith",
    entityType: "person",
    observations: ["Speaks fluent Spanish", "Graduated in 2019"],
  },
  { type: "entity", name: "Anthropic", entityType: "organization", observations: ["Makes Claude"] },
  { type: "relation", from: "John_Smith", to: "Anthropic", relationType: "works_at" },
]
  .map((l) => JSON.stringify(l))
  .join("\n");

interface WireMemory {
  content: string;
  user_id: string;
  metadata: Record<string, unknown>;
}

describe("cortex-mem import --from-mcp-memory", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let file: string;
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    file = join(home, "memory.jsonl");
    await writeFile(file, `${GRAPH}\n`);
  });
  afterEach(() => cleanup());

  it("turns observations and relations into memories with their origin, idempotently", async () => {
    const first = await cliJson<{ imported: number; skipped: number; entities: number; relations: number }>(
      ["import", file, "--from-mcp-memory", "-u", "john"],
      { home },
    );
    expect(first).toEqual({ entities: 2, relations: 1, imported: 4, skipped: 0 });
    const page = await cliJson<{ memories: WireMemory[] }>(["list", "-u", "john"], { home });
    const byContent = new Map(page.memories.map((m) => [m.content, m]));
    expect([...byContent.keys()].sort()).toEqual([
      "Anthropic: Makes Claude",
      "John_Smith works at Anthropic",
      "John_Smith: Graduated in 2019",
      "John_Smith: Speaks fluent Spanish",
    ]);
    expect(byContent.get("John_Smith: Speaks fluent Spanish")?.metadata).toEqual({
      origin: "mcp-memory",
      entity: "John_Smith",
      entity_type: "person",
    });
    expect(byContent.get("John_Smith works at Anthropic")?.metadata).toEqual({
      origin: "mcp-memory",
      relation: "works_at",
      from: "John_Smith",
      to: "Anthropic",
    });

    const again = await cli(["import", file, "--from-mcp-memory", "-u", "john"], { home });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("Imported 0 memories (4 already present)");
    expect(await total(home)).toBe(4);
    const search = await cliJson<{ results: WireMemory[] }>(["search", "Spanish", "-u", "john", "-l", "1"], { home });
    expect(search.results[0]?.content).toBe("John_Smith: Speaks fluent Spanish");
  });

  it("needs a scope and refuses malformed lines, writing nothing", async () => {
    const noScope = await cli(["import", file, "--from-mcp-memory"], { home });
    expect(noScope.code).toBe(2);
    await writeFile(file, `${GRAPH}\n{"type":"relation","from":"A"}\n`);
    const bad = await cli(["import", file, "--from-mcp-memory", "-u", "john"], { home });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain("Line 4");
    expect(await total(home)).toBe(0);
  });
});
