import { describe, expect, it } from "vitest";
import type { HistoryEntry, Memory, ScoredMemory } from "../../src/types/memory.js";
import {
  addItemToWire,
  addResultToWire,
  historyFromWire,
  historyToWire,
  memoryFromWire,
  memoryToWire,
  pageToWire,
  scoredToWire,
  statsToWire,
} from "../../src/wire/memory-wire.js";

// Exact wire objects for each converter: every key, its snake_case name and its value.

const memory: Memory = {
  id: "m1",
  content: "Alice drinks tea",
  memoryType: "personal",
  userId: "alice",
  importance: 0.4,
  entities: ["Alice"],
  topics: ["drinks"],
  metadata: { b: 2, a: 1 },
  hash: "h",
  createdAt: new Date("2025-01-02T03:04:05.006Z"),
  updatedAt: new Date("2025-01-03T00:00:00.000Z"),
  observedAt: new Date("2024-12-31T00:00:00.000Z"),
  source: ["0"],
};

const wireMemory = {
  id: "m1",
  content: "Alice drinks tea",
  memory_type: "personal",
  user_id: "alice",
  importance_score: 0.4,
  entities: ["Alice"],
  topics: ["drinks"],
  metadata: { b: 2, a: 1 },
  hash: "h",
  created_at: "2025-01-02T03:04:05.006Z",
  updated_at: "2025-01-03T00:00:00.000Z",
  observed_at: "2024-12-31T00:00:00.000Z",
  source: ["0"],
  expires_at: null,
};

describe("memory on the wire", () => {
  it("memoryToWire gives exactly the snake_case record, absent optional fields left out, expires_at null", () => {
    expect(memoryToWire(memory)).toStrictEqual(wireMemory);
  });

  it("memoryFromWire reads the exact wire record back", () => {
    expect(memoryFromWire(wireMemory)).toStrictEqual(memory);
  });

  it("scoredToWire adds score and a copy of score_parts, keeping every memory key", () => {
    const scoreParts = { vector: 0.5, keyword: 0.25, relevance: 0.4, importance: 0.4, recency: 0.9 };
    const hit: ScoredMemory = { ...memory, score: 0.42, scoreParts };
    const wire = scoredToWire(hit);
    expect(wire).toStrictEqual({ ...wireMemory, score: 0.42, score_parts: scoreParts });
    expect(wire.score_parts).not.toBe(scoreParts);
  });
});

describe("history on the wire", () => {
  const entry: HistoryEntry = {
    id: "h1",
    memoryId: "m1",
    event: "UPDATE",
    oldContent: "Alice drinks coffee",
    newContent: null,
    userId: "alice",
    jobId: "j1",
    at: new Date("2025-02-01T00:00:00.000Z"),
  };
  const wireEntry = {
    id: "h1",
    memory_id: "m1",
    event: "UPDATE",
    old_content: "Alice drinks coffee",
    new_content: null,
    user_id: "alice",
    job_id: "j1",
    created_at: "2025-02-01T00:00:00.000Z",
  };

  it("historyToWire names the row's date created_at and keeps null contents", () => {
    expect(historyToWire(entry)).toStrictEqual(wireEntry);
  });

  it("historyFromWire reads it back", () => {
    expect(historyFromWire(wireEntry)).toStrictEqual(entry);
  });
});

describe("results, pages and stats on the wire", () => {
  it("an add item carries previous_memory only when there was one", () => {
    expect(addItemToWire({ id: "m1", memory: "x", event: "ADD", memoryType: "factual" })).toStrictEqual({
      id: "m1",
      memory: "x",
      event: "ADD",
      memory_type: "factual",
    });
    expect(
      addItemToWire({ id: "m1", memory: "y", event: "UPDATE", memoryType: "episodic", previousMemory: "x" }),
    ).toStrictEqual({ id: "m1", memory: "y", event: "UPDATE", memory_type: "episodic", previous_memory: "x" });
    // An empty previous text is still a previous text.
    expect(
      addItemToWire({ id: "m2", memory: "y", event: "UPDATE", memoryType: "factual", previousMemory: "" }),
    ).toStrictEqual({ id: "m2", memory: "y", event: "UPDATE", memory_type: "factual", previous_memory: "" });
  });

  it("an add result is {results: [...]}, one wire item per item in order", () => {
    expect(
      addResultToWire({
        results: [
          { id: "a", memory: "one", event: "ADD", memoryType: "factual" },
          { id: "b", memory: "two", event: "DELETE", memoryType: "personal", previousMemory: "two" },
        ],
      }),
    ).toStrictEqual({
      results: [
        { id: "a", memory: "one", event: "ADD", memory_type: "factual" },
        { id: "b", memory: "two", event: "DELETE", memory_type: "personal", previous_memory: "two" },
      ],
    });
    expect(addResultToWire({ results: [] })).toStrictEqual({ results: [] });
  });

  it("a page holds wire memories, next_cursor and the count of memories", () => {
    expect(pageToWire({ memories: [memory, memory], nextCursor: "c2" })).toStrictEqual({
      memories: [wireMemory, wireMemory],
      next_cursor: "c2",
      count: 2,
    });
    expect(pageToWire({ memories: [], nextCursor: null })).toStrictEqual({
      memories: [],
      next_cursor: null,
      count: 0,
    });
  });

  it("stats are snake_case with every count", () => {
    expect(
      statsToWire({
        total: 5,
        superseded: 1,
        byType: { factual: 3, personal: 2 },
        byUser: { alice: 5 },
        byAgent: { bot: 2 },
        historyEntries: 9,
      }),
    ).toStrictEqual({
      total: 5,
      superseded: 1,
      by_type: { factual: 3, personal: 2 },
      by_user: { alice: 5 },
      by_agent: { bot: 2 },
      history_entries: 9,
    });
  });
});
