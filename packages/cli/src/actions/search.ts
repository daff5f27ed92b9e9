import { scoredToWire, searchRequestFromWire } from "@cortex-mem/core";
import { formatSearch } from "../format/memory-format.js";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import type { FilterFlags, ScopeFlags } from "./scope-flags.js";
import { metadataFilter, wireFilters, wireScope } from "./scope-flags.js";

type SearchFlags = ScopeFlags & FilterFlags & { limit?: number; threshold?: number; explain?: boolean };

/** `cortex-mem search <query>`: ranked memories, with `--explain` the parts of each score. */
export async function run({ args, opts }: ActionInput<SearchFlags>): Promise<void> {
  const out = outputFor(opts);
  const meta = metadataFilter(opts);
  const body = { query: args[0], ...wireScope(opts), ...wireFilters(opts), ...(meta.metadata ? { filters: meta } : {}), ...(opts.limit !== undefined ? { limit: opts.limit } : {}), ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}) };
  const { query, options } = searchRequestFromWire(body);
  const hits = await withMemory(opts, (memory) => memory.search(query, options));
  await out.result({ results: hits.map(scoredToWire) }, () => formatSearch(hits, out.c, opts.explain === true));
}
