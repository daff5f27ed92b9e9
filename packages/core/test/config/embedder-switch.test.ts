import { describe, expect, it } from "vitest";
import { explainEmbedderSwitch } from "../../src/config/embedder-switch.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { LoadedConfig } from "../../src/config/load-config.js";
import { CortexMemError, ErrorCode } from "../../src/errors.js";
import { tempHome } from "../helpers.js";

const LOCAL = "local-hash-v2:384";
const OPENAI = "openai:text-embedding-3-small:1536";

/** The CONFIG error a store raises when its vectors come from another embedder. */
const mismatch = (stored: string | undefined, configured: string): CortexMemError =>
  new CortexMemError(ErrorCode.CONFIG, "mismatch", {
    details: { stored: { dimensions: 384, embedder: stored }, configured: { dimensions: 1536, embedder: configured } },
  });

const load = (env: Record<string, string>): LoadedConfig => loadConfig({ file: null, env, homeDir: tempHome() });

describe("explainEmbedderSwitch", () => {
  it("an API key that switched a local store's embedder to OpenAI: the fix keeps local", () => {
    const original = mismatch(LOCAL, OPENAI);
    const explained = explainEmbedderSwitch(original, load({ OPENAI_API_KEY: "sk-x" })) as CortexMemError;
    expect(explained).toBeInstanceOf(CortexMemError);
    expect(explained).not.toBe(original);
    expect(explained.code).toBe(ErrorCode.CONFIG);
    expect(explained.details).toStrictEqual({
      stored: { dimensions: 384, embedder: LOCAL },
      configured: { dimensions: 1536, embedder: OPENAI },
      fix: "export CORTEX_MEM_EMBEDDING_PROVIDER=local",
    });
    expect(explained.cause).toBe(original);
    expect(explained.message).toContain(`"${LOCAL}"`);
    expect(explained.message).toContain(`("${OPENAI}")`);
    expect(explained.message).toContain("export CORTEX_MEM_EMBEDDING_PROVIDER=local");
    expect(explained.message).toContain('embedding.provider = "local"');
    expect(explained.message).toContain("cortex-mem reembed");
    expect(explained.message).toContain("switched to OpenAI");
  });

  it("no API key any more for an OpenAI store: the fix keeps openai", () => {
    const explained = explainEmbedderSwitch(mismatch(OPENAI, LOCAL), load({})) as CortexMemError;
    expect(explained.details).toMatchObject({ fix: "export CORTEX_MEM_EMBEDDING_PROVIDER=openai" });
    expect(explained.message).toContain("fell back to the local one");
    expect(explained.message).toContain('embedding.provider = "openai"');
  });

  it("a provider chosen on purpose (env, file or flag) leaves the error as it is", () => {
    const error = mismatch(LOCAL, OPENAI);
    const chosen = load({ OPENAI_API_KEY: "sk-x", CORTEX_MEM_EMBEDDING_PROVIDER: "openai" });
    expect(explainEmbedderSwitch(error, chosen)).toBe(error);
    const flagged = loadConfig({ file: null, env: {}, overrides: { embedding: { provider: "local" } } });
    const again = mismatch(OPENAI, LOCAL);
    expect(explainEmbedderSwitch(again, flagged)).toBe(again);
  });

  it("a store whose embedder is unknown, or already the configured provider, is left as it is", () => {
    const loaded = load({ OPENAI_API_KEY: "sk-x" });
    for (const stored of [undefined, "voyage:x:1024", `x-${LOCAL}`, OPENAI]) {
      const error = mismatch(stored, OPENAI);
      expect(explainEmbedderSwitch(error, loaded), String(stored)).toBe(error);
    }
    // Nor is it taken for an OpenAI store when the embedder is local now.
    const unknown = mismatch("voyage:x:1024", LOCAL);
    expect(explainEmbedderSwitch(unknown, load({}))).toBe(unknown);
  });

  it("any other error is returned unchanged", () => {
    const loaded = load({ OPENAI_API_KEY: "sk-x" });
    const others: unknown[] = [
      new Error("boom"),
      "text",
      undefined,
      new CortexMemError(ErrorCode.STORE, "x", { details: mismatch(LOCAL, OPENAI).details }),
      new CortexMemError(ErrorCode.CONFIG, "no details"),
      new CortexMemError(ErrorCode.CONFIG, "x", { details: { stored: null, configured: { embedder: OPENAI } } }),
      new CortexMemError(ErrorCode.CONFIG, "x", { details: { stored: LOCAL, configured: { embedder: OPENAI } } }),
      new CortexMemError(ErrorCode.CONFIG, "x", { details: { stored: { embedder: LOCAL }, configured: {} } }),
      new CortexMemError(ErrorCode.CONFIG, "x", { details: { stored: { embedder: LOCAL } } }),
      new CortexMemError(ErrorCode.CONFIG, "x", { details: [{ path: "qdrant.url", message: "m" }] }),
    ];
    for (const error of others) expect(explainEmbedderSwitch(error, loaded)).toBe(error);
  });
});
