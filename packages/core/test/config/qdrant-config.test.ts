import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { tempHome } from "../helpers.js";

describe("selecting the Qdrant store", () => {
  it("CORTEX_MEM_QDRANT_URL alone selects qdrant, with the key and collection from the environment", () => {
    const { config, sources } = loadConfig({
      env: {
        CORTEX_MEM_QDRANT_URL: "http://qdrant.internal:6333",
        CORTEX_MEM_QDRANT_API_KEY: "qk-123",
        CORTEX_MEM_QDRANT_COLLECTION: "team",
      },
      homeDir: tempHome(),
      file: null,
    });
    expect(config.store.kind).toBe("qdrant");
    expect(config.qdrant).toMatchObject({
      url: "http://qdrant.internal:6333",
      apiKey: "qk-123",
      collection: "team",
      timeoutMs: 10_000,
    });
    expect(sources["store.kind"]).toBe("env");
  });

  it("a [qdrant] url in the file selects qdrant when no store kind is given", () => {
    const dir = tempHome();
    const file = join(dir, "cortex-mem.toml");
    writeFileSync(file, '[qdrant]\nurl = "http://localhost:6333"\ncollection = "mine"\n');
    const { config, sources } = loadConfig({ file, env: {}, homeDir: dir });
    expect(config.store.kind).toBe("qdrant");
    expect(sources["store.kind"]).toBe("file");
  });

  it("an explicit store kind at the same or a higher level wins over the URL", () => {
    const dir = tempHome();
    const file = join(dir, "cortex-mem.toml");
    writeFileSync(file, '[store]\nkind = "sqlite"\n[qdrant]\nurl = "http://localhost:6333"\n');
    expect(loadConfig({ file, env: {}, homeDir: dir }).config.store.kind).toBe("sqlite");
    expect(
      loadConfig({
        file: null,
        env: { CORTEX_MEM_STORE: "sqlite", CORTEX_MEM_QDRANT_URL: "http://localhost:6333" },
        homeDir: dir,
      }).config.store.kind,
    ).toBe("sqlite");
    // The environment's URL is above a file that merely repeats the default kind (as `cortex-mem init` writes it).
    expect(loadConfig({ file, env: { CORTEX_MEM_QDRANT_URL: "http://q:6333" }, homeDir: dir }).config.store.kind).toBe(
      "qdrant",
    );
  });

  it("without a URL the store stays sqlite", () => {
    expect(
      loadConfig({ file: null, env: { CORTEX_MEM_QDRANT_COLLECTION: "x" }, homeDir: tempHome() }).config.store.kind,
    ).toBe("sqlite");
  });
});
