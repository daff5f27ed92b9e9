import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCodes, writeCodes } from "../../../src/store/sqlite/ann-codes-file.js";
import { tempHome } from "../../helpers.js";

const DIMS = 24;
const rids = Array.from({ length: 2_500 }, (_, i) => 10 + i * 3);
const codes = Int8Array.from({ length: rids.length * DIMS }, (_, i) => ((i * 37) % 255) - 127);

function readAll(path: string, dims = DIMS): { ok: boolean; rows: Map<number, number[]> } {
  const rows = new Map<number, number[]>();
  const ok = readCodes(path, dims, (rid, code) => rows.set(rid, [...code]));
  return { ok, rows };
}

describe("codes file of a binary index", () => {
  it("gives back every row's code under its row id, across read chunks, and leaves no temp file", () => {
    const dir = tempHome();
    const path = join(dir, "p.7.usearch.codes");
    writeCodes(path, rids, codes, DIMS);
    expect(readdirSync(dir)).toEqual(["p.7.usearch.codes"]);
    const { ok, rows } = readAll(path);
    expect(ok).toBe(true);
    expect(rows.size).toBe(rids.length);
    for (const [i, rid] of rids.entries()) expect(rows.get(rid)).toEqual([...codes.subarray(i * DIMS, (i + 1) * DIMS)]);
  });

  it("is refused when a byte changed, when cut short, when of other dimensions, or missing", () => {
    const dir = tempHome();
    const path = join(dir, "c.codes");
    writeCodes(path, rids, codes, DIMS);
    const bytes = readFileSync(path);
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 100] = (flipped[bytes.length - 100] as number) ^ 1;
    writeFileSync(join(dir, "flipped"), flipped);
    writeFileSync(join(dir, "short"), bytes.subarray(0, bytes.length - 9));
    writeFileSync(join(dir, "noise"), Buffer.from("not a codes file at all"));
    // A header announcing 2^32 - 1 rows: refused by the file's length, before any buffer is sized by it.
    const huge = Buffer.from(bytes);
    huge.writeUInt32LE(0xffffffff, 12);
    writeFileSync(join(dir, "huge"), huge);
    expect(readAll(join(dir, "huge")).ok).toBe(false);
    expect(readAll(join(dir, "flipped")).ok).toBe(false);
    expect(readAll(join(dir, "short")).ok).toBe(false);
    expect(readAll(join(dir, "noise")).ok).toBe(false);
    expect(readAll(path, DIMS + 1).ok).toBe(false);
    expect(readAll(join(dir, "absent")).ok).toBe(false);
    expect(readAll(path).ok).toBe(true);
  });

  it("writes an empty partition as a valid empty file", () => {
    const path = join(tempHome(), "e.codes");
    writeCodes(path, [], new Int8Array(0), DIMS);
    const { ok, rows } = readAll(path);
    expect(ok).toBe(true);
    expect(rows.size).toBe(0);
  });
});
