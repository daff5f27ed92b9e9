import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors.js";
import { nextSeq, pointId, sortKey } from "../../../src/store/qdrant/point-id.js";
import { decodeMark, encodeMark, nextMark } from "../../../src/store/qdrant/qdrant-cursor.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("point ids, sort keys and sequence numbers", () => {
  it("UUIDs are used as is (lowercased); any other id maps to a stable UUID", () => {
    expect(pointId("5C56C793-69F3-4FBF-87E6-C4BF54C28C26")).toBe("5c56c793-69f3-4fbf-87e6-c4bf54c28c26");
    expect(pointId("mem0-legacy-id-17")).toMatch(UUID);
    expect(pointId("mem0-legacy-id-17")).toBe(pointId("mem0-legacy-id-17"));
    expect(pointId("mem0-legacy-id-17")).not.toBe(pointId("mem0-legacy-id-18"));
  });

  it("sort keys order by creation time first and stay exact integers", () => {
    const a = sortKey(new Date("2025-01-01T00:00:00.000Z"), "zzz");
    const b = sortKey(new Date("2025-01-01T00:00:00.001Z"), "aaa");
    expect(a).toBeLessThan(b);
    expect(Number.isSafeInteger(sortKey(new Date("2200-01-01T00:00:00Z"), "x"))).toBe(true);
    expect(Number.isSafeInteger(sortKey(new Date(8.64e15), "x"))).toBe(true);
  });

  it("sequence numbers strictly increase, even when the clock stands still or goes back", () => {
    const seqs = [nextSeq(1000), nextSeq(1000), nextSeq(999), nextSeq(2000)];
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number);
  });
});

describe("page cursors", () => {
  it("round-trip and reject anything else with VALIDATION", () => {
    const mark = { key: 1735689600000 * 1024 + 7, seen: ["a", "b"] };
    expect(decodeMark(encodeMark(mark))).toEqual(mark);
    for (const bad of [
      "",
      "not-a-cursor",
      Buffer.from("[1,2]").toString("base64url"),
      Buffer.from('{"k":1.5,"s":[]}').toString("base64url"),
      Buffer.from('{"k":1,"s":[3]}').toString("base64url"),
    ]) {
      expect(() => decodeMark(bad), bad).toThrowError(expect.objectContaining({ code: ErrorCode.VALIDATION }));
    }
  });

  it("remember the ids shown with the last key, accumulating across pages of one key", () => {
    expect(nextMark(undefined, [])).toBeUndefined();
    const first = nextMark(undefined, [
      { id: "x", key: 9 },
      { id: "y", key: 5 },
      { id: "z", key: 5 },
    ]);
    expect(first).toEqual({ key: 5, seen: ["y", "z"] });
    expect(nextMark(first, [{ id: "w", key: 5 }])).toEqual({ key: 5, seen: ["y", "z", "w"] });
    expect(
      nextMark(first, [
        { id: "w", key: 5 },
        { id: "v", key: 4 },
      ]),
    ).toEqual({ key: 4, seen: ["v"] });
  });
});
