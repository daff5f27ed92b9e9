#!/usr/bin/env node
/**
 * The process the crash test kills: it opens the store of CORTEX_MEM_HOME (config from the home's
 * `cortex-mem.toml` and the environment, like every door) and writes as fast as it can, printing
 * one JSON line per operation — an `intent` before an update or delete, and an `ack` only after
 * core returned, i.e. after the transaction committed. On Linux, writes to a pipe are synchronous,
 * so a printed ack is never lost in a buffer when the process is killed.
 */
import { randomBytes } from "node:crypto";
import { createMemory, loadConfig } from "@cortex-mem/core";
import type { CrashLine } from "./crash-protocol.js";

const say = (line: CrashLine): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(): Promise<void> {
  const userId = process.env.CRASH_USER ?? "crash-user";
  const tag = process.env.CRASH_TAG ?? "r0";
  const { config } = loadConfig({ env: process.env });
  const memory = await createMemory(config);
  say({ op: "ready" });
  const live: { id: string; content: string }[] = [];
  for (let i = 0; ; i++) {
    const content = `Crash ${tag} item ${i} keeps token ${randomBytes(6).toString("hex")}`;
    const added = await memory.add(content, { userId, infer: false });
    const id = added.results[0]?.id as string;
    say({ op: "add", id, content });
    live.push({ id, content });
    if (i % 7 === 3 && live.length > 1) {
      const target = live[live.length - 2] as { id: string; content: string };
      const next = `${target.content} revised ${i}`;
      say({ op: "intent", id: target.id, content: next });
      await memory.update(target.id, { content: next });
      target.content = next;
      say({ op: "update", id: target.id, content: next });
    }
    if (i % 11 === 5 && live.length > 2) {
      const [target] = live.splice(live.length - 3, 1) as [{ id: string; content: string }];
      say({ op: "intent", id: target.id });
      await memory.delete(target.id);
      say({ op: "delete", id: target.id });
    }
    // Searching builds, replays and saves the HNSW index of this user once it is large enough.
    if (i % 20 === 10) await memory.search(content, { userId, limit: 5 });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `crash-writer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
