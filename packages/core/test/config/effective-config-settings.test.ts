import { describe, expect, it } from "vitest";
import { effectiveConfig, wireEffectiveSettingSchema } from "../../src/config/effective-config.js";
import { loadConfig } from "../../src/config/load-config.js";
import { tempHome } from "../helpers.js";

describe("effectiveConfig settings", () => {
  const loaded = () =>
    loadConfig({
      file: null,
      env: { CORTEX_MEM_API_KEYS: "admin-key-0123456789", CORTEX_MEM_EMBEDDING_API_KEY: "sk-emb-secret" },
      overrides: { memory: { searchLimit: 4 } },
      homeDir: tempHome(),
    });

  it("secrets: the API keys, masked, flagged secret, with their variable; unset ones are null", () => {
    const settings = new Map(effectiveConfig(loaded()).map((s) => [s.key, s]));
    expect(settings.get("server.api_keys")).toStrictEqual({
      key: "server.api_keys",
      value: ["adm…"],
      source: "env",
      env: "CORTEX_MEM_API_KEYS",
      secret: true,
    });
    expect(settings.get("embedding.api_key")).toStrictEqual({
      key: "embedding.api_key",
      value: "sk-…",
      source: "env",
      env: "CORTEX_MEM_EMBEDDING_API_KEY",
      secret: true,
    });
    expect(settings.get("llm.api_key")).toStrictEqual({
      key: "llm.api_key",
      value: null,
      source: "default",
      env: "CORTEX_MEM_LLM_API_KEY",
      secret: true,
    });
    expect(settings.get("qdrant.api_key")).toStrictEqual({
      key: "qdrant.api_key",
      value: null,
      source: "default",
      env: "CORTEX_MEM_QDRANT_API_KEY",
      secret: true,
    });
  });

  it("other settings are not secret; a key without a variable has no env; lists are one leaf", () => {
    const settings = new Map(effectiveConfig(loaded()).map((s) => [s.key, s]));
    expect(settings.get("memory.search_limit")).toStrictEqual({
      key: "memory.search_limit",
      value: 4,
      source: "flag",
      secret: false,
    });
    expect(settings.get("embedding.provider")).toStrictEqual({
      key: "embedding.provider",
      value: "openai",
      source: "default",
      env: "CORTEX_MEM_EMBEDDING_PROVIDER",
      secret: false,
    });
    expect(settings.get("usage.prices")).toStrictEqual({
      key: "usage.prices",
      value: [],
      source: "default",
      secret: false,
    });
    expect([...settings.values()].filter((s) => s.secret).map((s) => s.key)).toStrictEqual([
      "embedding.api_key",
      "llm.api_key",
      "qdrant.api_key",
      "server.api_keys",
    ]);
  });

  it("is sorted by key and every setting is a valid wire setting", () => {
    const keys = effectiveConfig(loaded()).map((s) => s.key);
    expect(keys.slice(0, 4)).toStrictEqual([
      "embedding.api_key",
      "embedding.batch_size",
      "embedding.max_retries",
      "embedding.model",
    ]);
    expect(keys.at(-1)).toBe("usage.prices");
    expect(keys.indexOf("home")).toBe(keys.indexOf("embedding.timeout_ms") + 1);
    for (const setting of effectiveConfig(loaded())) wireEffectiveSettingSchema.parse(setting);
  });

  it("without sources every setting says unknown", () => {
    const { config } = loaded();
    const settings = effectiveConfig({ config });
    expect(settings.find((s) => s.key === "memory.search_limit")).toStrictEqual({
      key: "memory.search_limit",
      value: 4,
      source: "unknown",
      secret: false,
    });
  });
});
