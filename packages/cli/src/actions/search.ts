import { scoredToWire, searchRequestFromWire } from "@cortex-mem/core/wire";
import { formatSearch } from "../format/memory-format.js";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { UsageError } from "../runtime/exit-codes.js";
import type { FilterFlags, ScopeFlags } from "./scope-flags.js";
import { metadataFilter, wireFilters, wireScope } from "./scope-flags.js";

type SearchFlags = ScopeFlags &
  FilterFlags & { limit?: number; threshold?: number; explain?: boolean; query?: string; keywords?: string[] };

/** Rust v1 listed memories when `search` had no query: it still does, ten of them unless `-l`. */
const V1_LIST_LIMIT = 10;

/**
 * The query of `search`: the argument or Rust v1's `-q/--query` (not two different ones), with v1's
 * `--keywords` added to it (they then count in the keyword half of the search). Null: no query.
 */
export function queryOf(arg: string | undefined, opts: { query?: string; keywords?: string[] }): string | null {
  if (arg !== undefined && opts.query !== undefined && arg !== opts.query)
    throw new UsageError("give the query once: as the argument or with -q/--query");
  const words = [arg ?? opts.query, ...(opts.keywords ?? [])].filter(
    (w): w is string => w !== undefined && w.trim() !== "",
  );
  return words.length ? words.join(" ") : null;
}

/** `cortex-mem search <query>`: ranked memories, with `--explain` the parts of each score. */
export async function run({ args, opts }: ActionInput<SearchFlags>): Promise<void> {
  const query = queryOf(args[0], opts);
  if (query === null) {
    const list = await import("./list.js");
    await list.run({ args: [], opts: { ...opts, limit: opts.limit ?? V1_LIST_LIMIT } });
    return;
  }
  const out = outputFor(opts);
  const meta = metadataFilter(opts);
  const body = {
    query,
    ...wireScope(opts),
    ...wireFilters(opts),
    ...(meta.metadata ? { filters: meta } : {}),
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
  };
  const request = searchRequestFromWire(body);
  const hits = await withMemory(opts, (memory) => memory.search(request.query, request.options));
  await out.result({ results: hits.map(scoredToWire) }, () => formatSearch(hits, out.c, opts.explain === true));
}
