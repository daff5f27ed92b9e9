import { describe, expect, it } from "vitest";
import { createJsonLogger } from "../src/logger.js";

describe("createJsonLogger", () => {
  it("writes one JSON object per line at or above the level", () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ level: "warn", sink: { write: (l: string) => lines.push(l) } });
    logger.info("ignored");
    logger.warn("careful", { request_id: "r1" });
    logger.error("broken");
    expect(lines.every((l) => l.endsWith("\n"))).toBe(true);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed.map((p) => [p.level, p.msg])).toEqual([
      ["warn", "careful"],
      ["error", "broken"],
    ]);
    expect(parsed[0]).toMatchObject({ request_id: "r1", time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  });

  it("writes nothing when silent", () => {
    const lines: string[] = [];
    const logger = createJsonLogger({ level: "silent", sink: { write: (l: string) => lines.push(l) } });
    logger.error("nothing");
    expect(lines).toEqual([]);
  });
});
