import { describe, expect, it } from "vitest";
import { envLayer } from "../../src/config/env-layer.js";

describe("envLayer", () => {
  it("every CORTEX_MEM_* variable sets its key, trimmed, lists split on commas", () => {
    expect(
      envLayer({
        CORTEX_MEM_HOME: " /data/home ",
        CORTEX_MEM_STORE: "qdrant",
        CORTEX_MEM_DB_PATH: "/data/m.db",
        CORTEX_MEM_QDRANT_URL: "http://q:6333",
        CORTEX_MEM_QDRANT_API_KEY: "qk",
        CORTEX_MEM_QDRANT_COLLECTION: "team",
        CORTEX_MEM_LLM_PROVIDER: "openai",
        CORTEX_MEM_LLM_MODEL: "m-llm",
        CORTEX_MEM_LLM_BASE_URL: "http://llm/v1",
        CORTEX_MEM_LLM_API_KEY: "sk-llm",
        CORTEX_MEM_EMBEDDING_PROVIDER: "local",
        CORTEX_MEM_EMBEDDING_MODEL: "m-emb",
        CORTEX_MEM_EMBEDDING_BASE_URL: "http://emb/v1",
        CORTEX_MEM_EMBEDDING_API_KEY: "sk-emb",
        CORTEX_MEM_EMBEDDING_DIMENSIONS: "768",
        CORTEX_MEM_ON_LLM_ERROR: "store_raw",
        CORTEX_MEM_HOST: "0.0.0.0",
        CORTEX_MEM_PORT: "8080",
        CORTEX_MEM_API_KEYS: " k1 , k2:alice,,k3:bob:x ",
        CORTEX_MEM_CORS_ORIGINS: "http://a, http://b:1",
        CORTEX_MEM_ALLOWED_HOSTS: "a.example,b.example",
        CORTEX_MEM_WORKERS: "4",
        CORTEX_MEM_LOG_LEVEL: "warn",
        UNRELATED: "x",
      }),
    ).toStrictEqual({
      home: "/data/home",
      store: { kind: "qdrant", path: "/data/m.db" },
      qdrant: { url: "http://q:6333", apiKey: "qk", collection: "team" },
      llm: { provider: "openai", model: "m-llm", baseUrl: "http://llm/v1", apiKey: "sk-llm" },
      embedding: {
        provider: "local",
        model: "m-emb",
        baseUrl: "http://emb/v1",
        apiKey: "sk-emb",
        dimensions: "768",
      },
      memory: { onLlmError: "store_raw" },
      server: {
        host: "0.0.0.0",
        port: "8080",
        // `key:user_id`: the user is everything after the first colon.
        apiKeys: ["k1", { key: "k2", userId: "alice" }, { key: "k3", userId: "bob:x" }],
        // Only API keys are split on colons.
        corsOrigins: ["http://a", "http://b:1"],
        allowedHosts: ["a.example", "b.example"],
        workers: "4",
      },
      logging: { level: "warn" },
    });
  });

  it("an API key item starting with a colon has an empty key (refused by the schema), not a key named ':u'", () => {
    expect(envLayer({ CORTEX_MEM_API_KEYS: ":alice" })).toStrictEqual({
      server: { apiKeys: [{ key: "", userId: "alice" }] },
    });
  });

  it("empty and blank variables set nothing", () => {
    expect(envLayer({})).toStrictEqual({});
    expect(
      envLayer({ CORTEX_MEM_PORT: "", CORTEX_MEM_HOST: "   ", OPENAI_API_KEY: " ", CORTEX_MEM_INFER: " " }),
    ).toStrictEqual({});
  });

  it("OPENAI_API_KEY and OPENAI_BASE_URL fill both providers; the specific variables win", () => {
    expect(envLayer({ OPENAI_API_KEY: " sk-shared ", OPENAI_BASE_URL: "http://shared/v1" })).toStrictEqual({
      llm: { apiKey: "sk-shared", baseUrl: "http://shared/v1" },
      embedding: { apiKey: "sk-shared", baseUrl: "http://shared/v1" },
    });
    expect(
      envLayer({
        OPENAI_API_KEY: "sk-shared",
        CORTEX_MEM_EMBEDDING_API_KEY: "sk-emb",
        CORTEX_MEM_LLM_BASE_URL: "http://l",
      }),
    ).toStrictEqual({
      llm: { apiKey: "sk-shared", baseUrl: "http://l" },
      embedding: { apiKey: "sk-emb" },
    });
  });

  it("CORTEX_MEM_INFER: yes words are true, no words false, in any case; anything else stays a string", () => {
    for (const yes of ["1", "true", "yes", "on", " TRUE ", "On"]) {
      expect(envLayer({ CORTEX_MEM_INFER: yes }), yes).toStrictEqual({ memory: { infer: true } });
    }
    for (const no of ["0", "false", "no", "off", "NO", " Off "]) {
      expect(envLayer({ CORTEX_MEM_INFER: no }), no).toStrictEqual({ memory: { infer: false } });
    }
    expect(envLayer({ CORTEX_MEM_INFER: " Maybe " })).toStrictEqual({ memory: { infer: "maybe" } });
    expect(envLayer({ CORTEX_MEM_INFER: "2" })).toStrictEqual({ memory: { infer: "2" } });
  });
});
