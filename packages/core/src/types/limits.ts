/**
 * Limits on what one call may ask, so hostile or accidental input gets a 4xx (`VALIDATION`, or
 * `PAYLOAD_TOO_LARGE` for bodies over `server.body_limit`) instead of a 5xx or a stalled server.
 * Content length is configurable (`memory.max_content_length`, default 32,768 characters).
 */
export const LIMITS = {
  /** Messages in one `add` (a conversation; bulk loads go through `import`). */
  messagesPerAdd: 100,
  /** Characters of all messages of one `add` together (`PAYLOAD_TOO_LARGE` beyond). */
  charactersPerAdd: 128_000,
  /** Nesting depth of a memory's metadata object (`{}` is depth 1). */
  metadataDepth: 32,
  /** Keys of one metadata equality filter. */
  metadataFilterKeys: 32,
  /** Characters of a search query. */
  queryLength: 10_000,
  /** Results of one search or memories of one page. */
  pageSize: 1000,
} as const;

/** The nesting depth of a JSON value (scalars 0, `{}`/`[]` 1), counted without recursion; stops past `max`. */
export function jsonDepth(value: unknown, max: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== "object" || v === null) continue;
    const d = depth + 1;
    deepest = Math.max(deepest, d);
    if (deepest > max) return deepest;
    for (const child of Object.values(v)) stack.push([child, d]);
  }
  return deepest;
}
