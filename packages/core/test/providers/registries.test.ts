import { describe, expect, it } from "vitest";
import { defineConfig, loadConfig } from "../../src/config/load-config.js";
import { createEmbedder, createLlm, createStore } from "../../src/create-memory.js";
import type { Embedder } from "../../src/embedder/embedder.js";
import { LocalEmbedder } from "../../src/embedder/local-embedder.js";
import { isCortexMemError } from "../../src/errors.js";
import { NoneLlm } from "../../src/llm/none-llm.js";
import { embedderRegistry, registerEmbedder, registerLlm, storeRegistry } from "../../src/providers/registries.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { openMemory, tempHome } from "../helpers.js";

function errorOf(fn: () => unknown): { code: string; paths: string[]; message: string } {
  try {
    fn();
  } catch (error) {
    if (!isCortexMemError(error)) throw error;
    const details = (error.details ?? []) as { path: string }[];
    return { code: error.code, paths: details.map((d) => d.path), message: error.message };
  }
  throw new Error("expected a throw");
}

/** An embedder of the library user's own: counts its calls, so the test sees createMemory used it. */
class CountingEmbedder implements Embedder {
  readonly id = "counting:16";
  calls = 0;
  readonly #inner = new LocalEmbedder({ dimensions: 16 });
  async dimensions(): Promise<number> {
    return 16;
  }
  async embed(texts: string[]): Promise<Float32Array[]> {
    this.calls += 1;
    return this.#inner.embed(texts);
  }
}

describe("the port registries", () => {
  it("build the built-in implementations the config names", () => {
    const config = defineConfig({ home: tempHome() });
    expect(createEmbedder(config)).toBeInstanceOf(LocalEmbedder);
    expect(createLlm(config)).toBeInstanceOf(NoneLlm);
    const store = createStore(config);
    expect(store).toBeInstanceOf(SqliteStore);
    expect(storeRegistry.names()).toEqual(expect.arrayContaining(["sqlite", "qdrant"]));
  });

  it("refuse an unknown name with CONFIG naming the key, at load time and at lookup", () => {
    const loaded = errorOf(() => loadConfig({ env: {}, overrides: { llm: { provider: "opena" } } }));
    expect(loaded.code).toBe("CONFIG");
    expect(loaded.paths).toEqual(["llm.provider"]);
    const config = defineConfig({ home: tempHome() });
    const looked = errorOf(() => embedderRegistry.create("bogus", config));
    expect(looked.code).toBe("CONFIG");
    expect(looked.paths).toEqual(["embedding.provider"]);
    // The store kind the same way.
    expect(errorOf(() => defineConfig({ home: tempHome(), store: { kind: "postgres" } })).paths).toEqual([
      "store.kind",
    ]);
  });

  it("let a library user register an embedder that the config then names and createMemory uses", async () => {
    const mine = new CountingEmbedder();
    registerEmbedder("counting", () => mine);
    const memory = await openMemory({ embedding: { provider: "counting" } });
    await memory.add("Remember the blue notebook", { userId: "u", infer: false });
    expect(mine.calls).toBeGreaterThan(0);
    expect(memory.embedderId).toBe("counting:16");
    expect(embedderRegistry.names()).toContain("counting");
  });

  it("refuse a second registration under a taken name and an invalid name with VALIDATION", () => {
    expect(errorOf(() => registerLlm("none", () => new NoneLlm())).code).toBe("VALIDATION");
    expect(errorOf(() => registerLlm("Not A Name", () => new NoneLlm())).code).toBe("VALIDATION");
    registerLlm("none", () => new NoneLlm(), { replace: true });
  });
});
