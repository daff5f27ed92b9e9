import { createHash } from "node:crypto";
import type { Memory } from "./memory.js";

/**
 * The version tag of one state of a memory: it changes on every write (the engine moves
 * `updatedAt` forward on each one). The REST service sends it as the `ETag`; conditional writes
 * (`update(id, patch, { ifVersion })`) compare it inside the store's write transaction.
 */
export function memoryVersion(memory: Pick<Memory, "id" | "updatedAt" | "hash">): string {
  return createHash("sha256")
    .update(`${memory.id}\n${memory.updatedAt.toISOString()}\n${memory.hash}`)
    .digest("base64url")
    .slice(0, 27);
}
