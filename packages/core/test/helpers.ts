import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { createMemory } from "../src/create-memory.js";
import { defineConfig } from "../src/config/load-config.js";
import type { CreateMemoryOverrides } from "../src/create-memory.js";
import type { MemoryManager } from "../src/engine/memory-manager.js";

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/** A fresh data directory, removed after the test. */
export function tempHome(): string {
  const dir = mkdtempSync(join(tmpdir(), "cortex-mem-test-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A manager over a real SQLite file in a temp home; closed after the test. */
export async function openMemory(
  config: Record<string, unknown> = {},
  overrides: CreateMemoryOverrides = {},
  home = tempHome(),
): Promise<MemoryManager> {
  const memory = await createMemory(defineConfig({ home, ...config }), overrides);
  cleanups.push(() => memory.close());
  return memory;
}

/** Registers extra cleanup (servers, other managers). */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}
