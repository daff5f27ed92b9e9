import { createHash } from "node:crypto";
import type { Memory } from "@cortex-mem/core";
import { CortexMemError, ErrorCode } from "@cortex-mem/core";

/** A strong entity tag of one version of a memory (changes on every update). */
export function etagOf(memory: Memory): string {
  const digest = createHash("sha256").update(`${memory.id}\n${memory.updatedAt.toISOString()}\n${memory.hash}`).digest("base64url");
  return `"${digest.slice(0, 27)}"`;
}

/**
 * Checks an `If-Match` header against the current version: absent or `*` passes; otherwise one of
 * the listed tags must be the memory's current tag, else `CONFLICT` (someone changed it meanwhile).
 */
export function checkIfMatch(header: string | undefined, memory: Memory): void {
  if (header === undefined || header.trim() === "*") return;
  const current = etagOf(memory);
  const tags = header.split(",").map((t) => t.trim()).filter((t) => !t.startsWith("W/"));
  if (tags.includes(current)) return;
  throw new CortexMemError(ErrorCode.CONFLICT, `Memory ${memory.id} was changed since you read it (If-Match does not match); read it again and retry`, {
    details: { id: memory.id, if_match: header, current_etag: current },
  });
}
