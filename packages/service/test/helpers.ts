import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemory, loadConfig } from "@cortex-mem/core";
import type { CortexMemConfig, MemoryManager } from "@cortex-mem/core";
import { afterEach, expect } from "vitest";
import type { z } from "zod";
import { startService } from "../src/index.js";
import type { LogSink, RunningService } from "../src/index.js";
import { createJsonLogger } from "../src/logger.js";

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** Registers cleanup run after the current test (last registered runs first). */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/** A fresh data directory, removed after the test. */
export function tempHome(): string {
  const dir = mkdtempSync(join(tmpdir(), "cortex-mem-service-"));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A config from overrides alone (no file, no environment) over a temp home. */
export function testConfig(overrides: Record<string, unknown> = {}, home = tempHome()): CortexMemConfig {
  return loadConfig({ file: null, env: {}, overrides: { home, ...overrides } }).config;
}

/** A service under test: its URL, its engine, captured log lines and a request helper. */
export interface TestService {
  url: string;
  memory: MemoryManager;
  config: CortexMemConfig;
  logs: Record<string, unknown>[];
  running: RunningService;
  call: (method: string, path: string, init?: CallInit) => Promise<CallResult>;
}

/** Options of one request. */
export interface CallInit {
  body?: unknown;
  /** Raw body sent as is (with the given content type). */
  raw?: string;
  key?: string;
  headers?: Record<string, string>;
}

/** What a request returned: status, headers, parsed JSON (or text) body. */
export interface CallResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary response fields
  json: any;
  text: string;
}

/** Sends one request with fetch; JSON bodies get `Content-Type: application/json`. */
export async function call(base: string, method: string, path: string, init: CallInit = {}): Promise<CallResult> {
  const headers: Record<string, string> = { ...(init.key ? { Authorization: `Bearer ${init.key}` } : {}) };
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(init.body);
  }
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, ...init.headers },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** Starts the real service on an ephemeral loopback port over a real SQLite file in a temp home. */
export async function startTestService(
  overrides: Record<string, unknown> = {},
  options: { memory?: MemoryManager } = {},
): Promise<TestService> {
  const config = testConfig(overrides);
  const memory = options.memory ?? (await createMemory(config));
  const logs: Record<string, unknown>[] = [];
  const sink: LogSink = { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) };
  const running = await startService({
    config,
    memory,
    host: "127.0.0.1",
    port: 0,
    logger: createJsonLogger({ level: "debug", sink }),
  });
  onCleanup(async () => {
    await running.close();
    await memory.close();
  });
  return {
    url: running.url,
    memory,
    config,
    logs,
    running,
    call: (method, path, init) => call(running.url, method, path, init),
  };
}

/** Asserts an error answer: the status, the JSON error body with this code, and no stack or HTML. */
export function expectError(res: CallResult, status: number, code: string): void {
  expect({ status: res.status, code: res.json?.error?.code }).toEqual({ status, code });
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(typeof res.json.error.message).toBe("string");
  expect(res.text).not.toMatch(/<html|<!DOCTYPE|\n\s+at /i);
}

/** Asserts a body matches a response schema exactly (strict objects: no unknown fields). */
export function expectShape<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new Error(`response does not match its schema: ${JSON.stringify(result.error.issues.slice(0, 3))}`);
  return result.data;
}
