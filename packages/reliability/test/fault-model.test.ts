import { describe, expect, it } from "vitest";
import { expectedAdd } from "../src/fault-model.js";

const o = { maxRetries: 2, storeRaw: false };

describe("expectedAdd: the contract the provider-fault suite checks core against", () => {
  it("retries 429, 5xx and hangs up to maxRetries, then fails with their code", () => {
    expect(expectedAdd(["429", "500"], [], o)).toEqual({ ok: true, raw: false });
    expect(expectedAdd(["429", "429", "429"], [], o)).toEqual({ ok: false, code: "RATE_LIMITED" });
    expect(expectedAdd(["500", "500", "hang"], [], o)).toEqual({ ok: false, code: "TIMEOUT" });
    expect(expectedAdd([], ["500", "500", "500"], o)).toEqual({ ok: false, code: "EMBEDDING" });
  });

  it("does not retry a broken body; asks the LLM once more for malformed JSON", () => {
    expect(expectedAdd(["truncated"], [], o)).toEqual({ ok: false, code: "LLM" });
    expect(expectedAdd([], ["wrong-dimension"], o)).toEqual({ ok: false, code: "EMBEDDING" });
    expect(expectedAdd(["malformed"], [], o)).toEqual({ ok: true, raw: false });
    expect(expectedAdd(["malformed", "429", "malformed"], [], o)).toEqual({ ok: false, code: "LLM" });
  });

  it("under store_raw keeps the raw messages after an LLM failure, never after an embedding failure", () => {
    const raw = { ...o, storeRaw: true };
    expect(expectedAdd(["truncated"], [], raw)).toEqual({ ok: true, raw: true, llmError: "LLM" });
    expect(expectedAdd(["429", "429", "429"], [], raw)).toEqual({ ok: true, raw: true, llmError: "RATE_LIMITED" });
    expect(expectedAdd([], ["429", "429", "429"], raw)).toEqual({ ok: false, code: "RATE_LIMITED" });
    expect(expectedAdd([], ["truncated"], raw)).toEqual({ ok: false, code: "EMBEDDING" });
    expect(expectedAdd(["500", "500", "500"], ["truncated"], raw)).toEqual({ ok: false, code: "EMBEDDING" });
  });
});
