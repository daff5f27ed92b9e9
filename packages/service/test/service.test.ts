import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createMemory, isCortexMemError } from "@cortex-mem/core";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import express from "express";
import { describe, expect, it } from "vitest";
import { createApp, startService } from "../src/index.js";
import { silentLogger } from "../src/logger.js";
import { call, onCleanup, testConfig } from "./helpers.js";

describe("startService", () => {
  it("opens the store from the config, serves, and closes it on close() (idempotent)", async () => {
    const config = testConfig();
    const running = await startService({ config, port: 0, logger: silentLogger });
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
    expect(
      (
        await call(running.url, "POST", "/memories", {
          body: { content: "Kim plays bass", user_id: "kim", infer: false },
        })
      ).status,
    ).toBe(200);
    await Promise.all([running.close(), running.close()]);
    await expect(fetch(`${running.url}/health`)).rejects.toThrow();
    const memory = await createMemory(config);
    onCleanup(() => memory.close());
    expect((await memory.stats()).total).toBe(1);
  });

  it("lets an in-flight request finish before close() resolves", async () => {
    let arrived!: () => void;
    const chatArrived = new Promise<void>((resolve) => (arrived = resolve));
    const fake = await startFakeOpenAI({
      chat: () => {
        arrived();
        return { delayMs: 500, json: { facts: [{ content: "Lee likes figs", memory_type: "personal" }] } };
      },
    });
    onCleanup(() => fake.close());
    const config = testConfig({ llm: { provider: "openai", baseUrl: fake.url, apiKey: "sk-test", maxRetries: 0 } });
    const running = await startService({ config, port: 0, logger: silentLogger });
    const pending = call(running.url, "POST", "/memories", {
      body: { messages: [{ role: "user", content: "I like figs" }], user_id: "lee" },
    });
    await chatArrived;
    await running.close();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.json.results[0].memory).toBe("Lee likes figs");
  });

  it("fails with CONFIG when the port is taken, closing the store it opened", async () => {
    const first = await startService({ config: testConfig(), port: 0, logger: silentLogger });
    onCleanup(() => first.close());
    const error = await startService({ config: testConfig(), port: first.port, logger: silentLogger }).catch(
      (e: unknown) => e,
    );
    expect(isCortexMemError(error, "CONFIG")).toBe(true);
  });
});

describe("createApp", () => {
  it("mounts under a prefix in the host's own express app", async () => {
    const config = testConfig();
    const memory = await createMemory(config);
    onCleanup(() => memory.close());
    const host = express();
    host.use("/memory-api", createApp({ memory, config, logger: silentLogger }));
    const server = createServer(host);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/memory-api`;
    expect(
      (await call(base, "POST", "/memories", { body: { content: "Mo reads sci-fi", user_id: "mo", infer: false } }))
        .status,
    ).toBe(200);
    expect((await call(base, "GET", "/memories?user_id=mo")).json.count).toBe(1);
  });
});
