import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { toCortexMemError } from "@cortex-mem/core";
import type { CortexMemError } from "@cortex-mem/core";

/** A successful tool result: `structuredContent` (matching the tool's output schema) and a short text for the model. */
export function okResult(structured: Record<string, unknown>, text: string): CallToolResult {
  return { content: [{ type: "text", text }], structuredContent: structured };
}

/**
 * A failed tool call as a tool result (`isError: true`), never a protocol error, so the model sees
 * it and can correct itself. The single text block is `{"error":{"code","message","details?"}}`,
 * the REST error body; there is no `structuredContent`, because clients check that against the
 * tool's success schema.
 */
export function errorResult(error: unknown): CallToolResult {
  const e: CortexMemError = toCortexMemError(error);
  return { content: [{ type: "text", text: JSON.stringify({ error: e.toJSON() }) }], isError: true };
}

/** Reads the error a tool result carries back (for clients and tests); `undefined` for a success. */
export function toolErrorOf(result: {
  isError?: boolean;
  content?: unknown;
}): { code: string; message: string; details?: unknown } | undefined {
  if (!result.isError) return undefined;
  const first = Array.isArray(result.content)
    ? (result.content[0] as { type?: string; text?: string } | undefined)
    : undefined;
  try {
    const parsed = JSON.parse(first?.text ?? "") as { error?: { code: string; message: string; details?: unknown } };
    return parsed.error;
  } catch {
    return { code: "INTERNAL", message: first?.text ?? "unknown tool error" };
  }
}
