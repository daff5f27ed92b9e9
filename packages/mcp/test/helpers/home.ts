import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemory, loadConfig } from "@cortex-mem/core";
import type { MemoryManager } from "@cortex-mem/core";
import { afterEach } from "vitest";

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** Registers cleanup to run after the current test, last registered first. */
export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/** A fresh CORTEX_MEM_HOME, removed after the test. */
export function tempHome(): string {
  const dir = mkdtempSync(join(tmpdir(), "cortex-mem-mcp-test-"));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The same store the spawned servers use, opened in the test process to check what was written. */
export async function openStore(home: string): Promise<MemoryManager> {
  const { config } = loadConfig({ file: null, env: { CORTEX_MEM_HOME: home } });
  const memory = await createMemory(config);
  onCleanup(() => memory.close());
  return memory;
}
