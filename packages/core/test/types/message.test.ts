import { describe, expect, it } from "vitest";
import { CortexMemError, ErrorCode } from "../../src/errors.js";
import { MESSAGE_ROLES } from "../../src/types/message.js";
import { openMemory } from "../helpers.js";

async function failure(p: Promise<unknown>): Promise<CortexMemError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof CortexMemError) return error;
    throw error;
  }
  throw new Error("expected a CortexMemError");
}

describe("message roles and missing fields", () => {
  it("refuses an unknown role, names the accepted roles, and writes nothing", async () => {
    const memory = await openMemory();
    const e = await failure(memory.add([{ role: "robot", content: "Beep" }], { userId: "u", infer: false }));
    expect(e.code).toBe(ErrorCode.VALIDATION);
    expect(e.details).toEqual([expect.objectContaining({ path: "messages.0.role" })]);
    for (const role of MESSAGE_ROLES) expect(e.message).toContain(role);
    expect((await memory.list({ userId: "u" })).memories).toHaveLength(0);
  });

  it("names the missing field of a message instead of the union's 'Invalid input'", async () => {
    const memory = await openMemory();
    const e = await failure(memory.add([{ role: "user" }] as never, { userId: "u", infer: false }));
    expect(e.code).toBe(ErrorCode.VALIDATION);
    expect(e.details).toEqual([{ path: "messages.0.content", message: "content is missing" }]);
  });

  it("accepts any casing of a known role and stores it lower-case", async () => {
    const memory = await openMemory();
    const { results } = await memory.add([{ role: " Assistant ", content: "The meeting is at noon" }], {
      userId: "u",
      infer: false,
    });
    expect((await memory.get(results[0]!.id)).role).toBe("assistant");
  });
});
