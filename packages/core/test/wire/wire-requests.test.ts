import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors.js";
import {
  addRequestFromWire,
  listRequestFromWire,
  searchRequestFromWire,
  updateRequestFromWire,
} from "../../src/wire/wire-requests.js";
import { memoryToWire } from "../../src/wire/memory-wire.js";
import { wireMemorySchema } from "../../src/wire/wire-output-schemas.js";
import type { Memory } from "../../src/types/memory.js";
import { openMemory } from "../helpers.js";

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe("wire requests", () => {
  it("keeps a __proto__ key of metadata as an ordinary key, exactly, without touching any prototype", async () => {
    const text = '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}, "\\u0000k": 2, "a": [1]}';
    const sent = JSON.parse(text) as Record<string, unknown>;
    const add = addRequestFromWire({ content: "x", user_id: "u", metadata: JSON.parse(text) });
    const update = updateRequestFromWire({ metadata: JSON.parse(text) });
    for (const metadata of [
      add.options.metadata,
      update.metadata,
      wireMemorySchema.shape.metadata.parse(JSON.parse(text)),
    ]) {
      expect(JSON.stringify(metadata)).toBe(JSON.stringify(sent));
      expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    }
    const memory = await openMemory();
    const id = (await memory.add("x", { userId: "u", metadata: add.options.metadata, infer: false })).results[0]!.id;
    expect(JSON.stringify((await memory.get(id)).metadata)).toBe(JSON.stringify(sent));
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it("accepts scope flat and nested under metadata, keeping the rest of metadata", () => {
    const flat = addRequestFromWire({ content: "x", user_id: "u", memory_type: "Personal" });
    expect(flat.options).toMatchObject({ userId: "u", memoryType: "Personal" });
    const nested = addRequestFromWire({ content: "x", metadata: { user_id: "u", agent_id: "a", tag: 1 } });
    expect(nested.options).toMatchObject({ userId: "u", agentId: "a", metadata: { tag: 1 } });
  });

  it("rejects conflicting scope and content+messages together", () => {
    expect(codeOf(() => addRequestFromWire({ content: "x", user_id: "a", metadata: { user_id: "b" } }))).toBe(
      ErrorCode.VALIDATION,
    );
    expect(codeOf(() => addRequestFromWire({ content: "x", messages: [{ role: "user", content: "y" }] }))).toBe(
      ErrorCode.VALIDATION,
    );
    expect(codeOf(() => addRequestFromWire({ content: "x", memory_type: "dreamy" }))).toBe(ErrorCode.VALIDATION);
  });

  it("reads search filters flat, nested and with Rust MCP aliases", () => {
    const { query, options } = searchRequestFromWire({
      query: "q",
      filters: { user_id: "u", memory_type: "factual", topics: "a, b" },
      k: 3,
      min_salience: 0.4,
    });
    expect(query).toBe("q");
    expect(options).toMatchObject({
      userId: "u",
      limit: 3,
      filters: { memoryTypes: ["factual"], topics: ["a", "b"], minImportance: 0.4 },
    });
  });

  it("takes the scope of a POST's query string, and only scope fields there", () => {
    const { options } = searchRequestFromWire({ query: "q" }, { user_id: "alice", agent_id: "a1" });
    expect(options).toMatchObject({ userId: "alice", agentId: "a1" });
    expect(codeOf(() => searchRequestFromWire({ query: "q" }, { user_id: "alice", limit: "3" }))).toBe(
      ErrorCode.VALIDATION,
    );
    expect(codeOf(() => searchRequestFromWire({ query: "q" }, { user_id: "" }))).toBe(ErrorCode.VALIDATION);
  });

  it("coerces list query strings and reports paths in snake_case", () => {
    expect(listRequestFromWire({ user_id: "u", limit: "20", include_superseded: "true" })).toMatchObject({
      userId: "u",
      limit: 20,
      filters: { includeSuperseded: true },
    });
    try {
      listRequestFromWire({ limit: "-3" });
    } catch (error) {
      expect((error as { details: { path: string }[] }).details[0]?.path).toBe("limit");
    }
    expect(codeOf(() => updateRequestFromWire({}))).toBe(ErrorCode.VALIDATION);
  });

  it("maps a memory to snake_case with RFC 3339 dates", () => {
    const m: Memory = {
      id: "1",
      content: "c",
      memoryType: "factual",
      userId: "u",
      importance: 0.5,
      entities: [],
      topics: [],
      metadata: {},
      hash: "h",
      createdAt: new Date(0),
      updatedAt: new Date(0),
      observedAt: new Date(0),
      source: [],
    };
    expect(memoryToWire(m)).toMatchObject({
      user_id: "u",
      memory_type: "factual",
      importance_score: 0.5,
      created_at: "1970-01-01T00:00:00.000Z",
    });
    expect(memoryToWire(m)).not.toHaveProperty("agent_id");
  });
});
