import { seededRandom } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors.js";
import { KeywordPartition } from "../../../src/store/sqlite/keyword-partition.js";
import { KEYWORD_SNAPSHOT_VERSION, isKeywordSnapshot } from "../../../src/store/sqlite/keyword-snapshot.js";
import { expectSameSearches, mutate, randomDoc } from "./keyword-fixtures.js";

const code = (f: () => unknown): unknown => {
  try {
    f();
  } catch (error) {
    return (error as { code?: unknown }).code;
  }
  return "no error";
};

describe("KeywordPartition snapshot / restore", () => {
  it("restores partitions that answer every search exactly like the originals, and keep changing alike", () => {
    for (let seed = 1; seed <= 6; seed++) {
      const random = seededRandom(seed);
      const originals = [new KeywordPartition(), new KeywordPartition(), new KeywordPartition()];
      mutate(random, [originals], 300);
      const restored = originals.map((p) => KeywordPartition.restore(p.snapshot()));
      expectSameSearches(seed * 7, originals, restored, 150);
      // Further upserts and removes (on both) still agree.
      mutate(random, [originals, restored], 200);
      expectSameSearches(seed * 11, originals, restored, 150);
    }
  });

  it("round-trips an empty partition, and a partition restored twice gives the same bytes", () => {
    const empty = KeywordPartition.restore(new KeywordPartition().snapshot());
    expect(empty.size).toBe(0);
    const p = new KeywordPartition();
    const random = seededRandom(3);
    for (let rid = 0; rid < 50; rid++) p.upsert(randomDoc(random, rid));
    const bytes = p.snapshot();
    expect(KeywordPartition.restore(bytes).snapshot()).toEqual(bytes);
  });

  it("keeps ids and terms of any text: non-ASCII, emoji, an unpaired surrogate (written as JSON then)", () => {
    const odd = ["é-ü-1", "😀 two", "lone \ud800 half", "", "plain"];
    for (const ids of [odd.filter((id) => !id.includes("\ud800")), odd]) {
      const p = new KeywordPartition();
      ids.forEach((id, rid) =>
        p.upsert({ ...randomDoc(seededRandom(rid + 1), rid), id, content: `Müller café ${id} 😀` }),
      );
      const restored = KeywordPartition.restore(p.snapshot());
      expect(ids.map((_, rid) => restored.idOf(rid))).toEqual(ids);
      expect(["müller", "café"].map((t) => restored.df(t))).toEqual(["müller", "café"].map((t) => p.df(t)));
      expect(restored.snapshot()).toEqual(p.snapshot());
    }
  });

  it("refuses bytes of another format version, other bytes and cut-short bytes with VALIDATION", () => {
    const p = new KeywordPartition();
    p.upsert(randomDoc(seededRandom(1), 1));
    const bytes = p.snapshot();
    expect(isKeywordSnapshot(bytes)).toBe(true);
    const older = bytes.slice();
    new DataView(older.buffer).setUint32(4, KEYWORD_SNAPSHOT_VERSION - 1, true);
    expect(isKeywordSnapshot(older)).toBe(false);
    expect(code(() => KeywordPartition.restore(older))).toBe(ErrorCode.VALIDATION);
    expect(code(() => KeywordPartition.restore(new TextEncoder().encode("SQLite format 3")))).toBe(
      ErrorCode.VALIDATION,
    );
    expect(code(() => KeywordPartition.restore(bytes.subarray(0, bytes.length - 4)))).toBe(ErrorCode.VALIDATION);
  });

  it("reads bytes that sit at any offset of a larger buffer (as a file read gives them)", () => {
    const p = new KeywordPartition();
    const random = seededRandom(5);
    for (let rid = 0; rid < 30; rid++) p.upsert(randomDoc(random, rid));
    const bytes = p.snapshot();
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expectSameSearches(9, [p], [KeywordPartition.restore(shifted.subarray(3))], 50);
  });
});
