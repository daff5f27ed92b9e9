import type { Memory } from "@cortex-mem/core";
import { memoryVersion } from "@cortex-mem/core/store";

/** A strong entity tag of one version of a memory: core's {@link memoryVersion}, quoted. */
export function etagOf(memory: Memory): string {
  return `"${memoryVersion(memory)}"`;
}

/**
 * The versions an `If-Match` header allows, for core's conditional writes (`ifVersion`): absent or
 * `*` gives none (unconditional); otherwise the listed strong tags without their quotes (weak tags
 * never match a strong comparison, so a header of only weak tags allows no version at all).
 */
export function ifMatchVersions(header: string | undefined): string[] | undefined {
  if (header === undefined || header.trim() === "*") return undefined;
  const tags = header
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t.length > 0 && !t.startsWith("W/"));
  const versions = tags.map((t) => t.replace(/^"(.*)"$/, "$1"));
  return versions.length > 0 ? versions : ["(weak tags only)"];
}
