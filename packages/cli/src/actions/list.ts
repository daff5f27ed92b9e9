import { listRequestFromWire, pageToWire } from "@cortex-mem/core/wire";
import { formatMemories } from "../format/memory-format.js";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import type { FilterFlags, ScopeFlags } from "./scope-flags.js";
import { metadataFilter, wireFilters, wireScope } from "./scope-flags.js";

type ListFlags = ScopeFlags & FilterFlags & { limit?: number; cursor?: string; keywords?: string[]; query?: string };

/** `cortex-mem list`: a page of memories, newest first; the next page's cursor goes to stderr. */
export async function run({ opts }: ActionInput<ListFlags>): Promise<void> {
  if (opts.keywords?.length) {
    // Rust v1's `list --keywords`: the memories matching those words, which is a search here.
    const search = await import("./search.js");
    await search.run({ args: [], opts: { ...opts, limit: opts.limit ?? 20 } });
    return;
  }
  const out = outputFor(opts);
  const query = {
    ...wireScope(opts),
    ...wireFilters(opts),
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    ...(opts.cursor !== undefined ? { cursor: opts.cursor } : {}),
  };
  const request = listRequestFromWire(query);
  const meta = metadataFilter(opts);
  if (meta.metadata) request.filters = { ...request.filters, ...meta };
  const page = await withMemory(opts, (memory) => memory.list(request));
  await out.result(pageToWire(page), () => formatMemories(page.memories, out.c));
  if (!out.json && page.nextCursor) out.note(out.ce.dim(`More: add --cursor ${page.nextCursor}`));
}
