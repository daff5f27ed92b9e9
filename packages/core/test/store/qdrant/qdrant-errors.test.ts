import {
  QdrantClientResourceExhaustedError,
  QdrantClientTimeoutError,
  QdrantClientUnexpectedResponseError,
} from "@qdrant/js-client-rest";
import { describe, expect, it } from "vitest";
import { CortexMemError, ErrorCode } from "../../../src/errors.js";
import { isRetryable, mapQdrantError, qdrantCall } from "../../../src/store/qdrant/qdrant-errors.js";

const URL = "http://qdrant.example:6333";
/** The shape the client's fetch layer throws for a non-2xx answer (`ApiError`: status and parsed body). */
const apiError = (status: number, error: string): Error =>
  Object.assign(new Error("Bad Request"), { status, data: { status: { error }, time: 0 } });
const refused = (): Error =>
  new TypeError("fetch failed", {
    cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6333"), { code: "ECONNREFUSED" }),
  });

describe("Qdrant error mapping", () => {
  it("maps each failure to our codes, naming the URL", () => {
    const cases: [unknown, string][] = [
      [refused(), ErrorCode.STORE],
      [new QdrantClientTimeoutError("This operation was aborted"), ErrorCode.TIMEOUT],
      [new QdrantClientResourceExhaustedError("Too Many Requests", "1"), ErrorCode.RATE_LIMITED],
      [apiError(429, "rate limited"), ErrorCode.RATE_LIMITED],
      [apiError(401, "Must provide an API key"), ErrorCode.CONFIG],
      [apiError(403, "forbidden"), ErrorCode.CONFIG],
      [
        apiError(400, "Payload error: JSON payload (40000000 bytes) is larger than allowed (limit: 33554432 bytes)."),
        ErrorCode.VALIDATION,
      ],
      [apiError(413, "too large"), ErrorCode.VALIDATION],
      [apiError(400, "Wrong input: Vector dimension error: expected dim: 8, got 9"), ErrorCode.STORE],
      [apiError(404, "Collection `x` doesn't exist!"), ErrorCode.STORE],
      [apiError(500, "Service internal error"), ErrorCode.STORE],
      [new QdrantClientUnexpectedResponseError("Unexpected Response: 502 (Bad Gateway)"), ErrorCode.STORE],
      [new Error("something else"), ErrorCode.STORE],
    ];
    for (const [raw, code] of cases) {
      const error = mapQdrantError(raw, URL, "search vectors");
      expect(error.code, String(raw)).toBe(code);
      expect(error.cause).toBe(raw);
      if (code !== ErrorCode.VALIDATION) expect(error.message).toContain(URL);
    }
    expect(mapQdrantError(apiError(400, "Wrong input: bad filter"), URL, "x").message).toContain(
      "Wrong input: bad filter",
    );
    const ours = new CortexMemError(ErrorCode.NOT_FOUND, "gone");
    expect(mapQdrantError(ours, URL, "x")).toBe(ours);
  });

  it("retries only what may pass: unreachable, timeouts, rate limits, 5xx", () => {
    const retryable = (raw: unknown): boolean => isRetryable(mapQdrantError(raw, URL, "x"));
    expect(
      [
        refused(),
        new QdrantClientTimeoutError("t"),
        apiError(429, "r"),
        apiError(503, "down"),
        new QdrantClientUnexpectedResponseError("Unexpected Response: 502 (Bad Gateway)"),
      ].map(retryable),
    ).toEqual([true, true, true, true, true]);
    expect(
      [apiError(400, "bad"), apiError(401, "key"), apiError(404, "missing"), new Error("odd")].map(retryable),
    ).toEqual([false, false, false, false]);
  });

  it("qdrantCall retries a retryable failure with back-off and gives up on a refusal at once", async () => {
    let calls = 0;
    const value = await qdrantCall(
      URL,
      "read",
      async () => {
        calls += 1;
        if (calls < 3) throw refused();
        return "ok";
      },
      { attempts: 3, baseDelayMs: 1 },
    );
    expect([value, calls]).toEqual(["ok", 3]);

    calls = 0;
    const failing = qdrantCall(
      URL,
      "read",
      async () => {
        calls += 1;
        throw apiError(400, "bad request");
      },
      { attempts: 5, baseDelayMs: 1 },
    );
    await expect(failing).rejects.toMatchObject({ code: ErrorCode.STORE });
    expect(calls).toBe(1);

    calls = 0;
    await expect(
      qdrantCall(
        URL,
        "read",
        async () => {
          calls += 1;
          throw refused();
        },
        { attempts: 2, baseDelayMs: 1 },
      ),
    ).rejects.toMatchObject({ code: ErrorCode.STORE });
    expect(calls).toBe(2);

    calls = 0;
    await expect(
      qdrantCall(
        URL,
        "write",
        async () => {
          calls += 1;
          throw refused();
        },
        null,
      ),
    ).rejects.toMatchObject({ code: ErrorCode.STORE });
    expect(calls).toBe(1);
  });
});
