import type { Command } from "commander";
import { collectList, collectMetadata, parseInteger, parseNumber } from "../input/option-parsers.js";
import type { RunState } from "./common.js";
import { commonOptions, examples, lazyAction, scopeOptions } from "./common.js";

function filterOptions(cmd: Command): Command {
  return cmd
    .option("-t, --memory-type <type>", "only this type (repeatable or comma-separated)", collectList)
    .option("--topic <name>", "only memories with this topic (repeatable or comma-separated; any matches)", collectList)
    .option("--topics <list>", "same as --topic", collectList)
    .option(
      "--entity <name>",
      "only memories naming this entity (repeatable or comma-separated; any matches)",
      collectList,
    )
    .option("--actor <id>", "only memories said by this actor (the message's name / actor_id)")
    .option(
      "--metadata <pair>",
      "only memories whose metadata has key=value (repeatable; a JSON object for numbers/booleans)",
      collectMetadata,
    )
    .option("--min-importance <n>", "only memories at least this important (0..1)", parseNumber)
    .option("--after <date>", "only memories stored (created) on or after this date")
    .option("--before <date>", "only memories stored (created) on or before this date")
    .option("--observed-after <date>", "only memories about things said or done on or after this date")
    .option("--observed-before <date>", "only memories about things said or done on or before this date")
    .option("--include-superseded", "also show memories that were contradicted later")
    .option("--include-expired", "also show memories whose expiry has passed (kept until `cortex-mem expire`)");
}

/** `search`, `list`, `get`, `history` and `stats`: the commands that only read. */
export function defineReadCommands(program: Command, state: RunState): void {
  const search = program
    .command("search")
    .description("Find the memories most relevant to a query (vectors + keywords, importance, recency)")
    .argument("[query]", "what to look for (or -q/--query; without either, Rust v1 listed memories)");
  filterOptions(scopeOptions(commonOptions(search), "search"))
    .option("-q, --query <text>", "what to look for (Rust v1 form)")
    .option(
      "--keywords <list>",
      "Rust v1: words the memories should contain; added to the query's keyword search",
      collectList,
    )
    .option("-l, --limit <n>", "how many results (default memory.search_limit)", parseInteger)
    .option("--threshold <score>", "drop results scoring below this", parseNumber)
    .option("--explain", "show the parts of each score: vector, keyword, relevance, importance, recency");
  examples(search, [
    'cortex-mem search "food allergies" -u alice',
    'cortex-mem search --query "food allergies" --user-id alice --limit 5',
    'cortex-mem search "where does she live" -u alice -l 3 --explain',
    'cortex-mem search "deadline" -u alice -t episodic --after 2024-01-01 --json',
    'cortex-mem search "trip" -u alice --entity Berlin --observed-after 2024-05-01 --metadata source=chat',
  ]);
  lazyAction(search, state, () => import("../actions/search.js"));

  const list = program.command("list").description("List memories, newest first, a page at a time");
  filterOptions(scopeOptions(commonOptions(list), "list"))
    .option("-l, --limit <n>", "page size (default 100)", parseInteger)
    .option(
      "--keywords <list>",
      "Rust v1: only memories matching these words (a keyword search, best first)",
      collectList,
    )
    .option("--cursor <cursor>", "continue after the previous page (printed at its end)");
  examples(list, [
    "cortex-mem list -u alice",
    "cortex-mem list -u alice -t personal --limit 20 --json",
    "cortex-mem list -u alice --topic travel --actor Bob",
    "cortex-mem list --cursor eyJ…",
  ]);
  lazyAction(list, state, () => import("../actions/list.js"));

  const get = program.command("get").description("Show one memory with every field").argument("<id>", "memory id");
  scopeOptions(commonOptions(get), "only if it belongs to").option(
    "--include-expired",
    "show it even when its expiry has passed (else: not found)",
  );
  examples(get, ["cortex-mem get 3f0c…e1", "cortex-mem get 3f0c…e1 -u alice --json"]);
  lazyAction(get, state, () => import("../actions/get.js"));

  const history = program
    .command("history")
    .description("Show every change of a memory, oldest first (also after it was deleted)")
    .argument("<id>", "memory id");
  scopeOptions(commonOptions(history), "only if it belongs to");
  examples(history, ["cortex-mem history 3f0c…e1", "cortex-mem history 3f0c…e1 --json"]);
  lazyAction(history, state, () => import("../actions/history.js"));

  const stats = program
    .command("stats")
    .description("Count memories by type, user and agent; with --usage, the tokens LLM and embedding calls spent");
  scopeOptions(commonOptions(stats), "count")
    .option("--usage", "tokens in/out per day, operation and model, with cost from [usage] prices")
    .option("--from <day>", "with --usage: first UTC day (YYYY-MM-DD)")
    .option("--to <day>", "with --usage: last UTC day (YYYY-MM-DD)");
  examples(stats, [
    "cortex-mem stats",
    "cortex-mem stats -u alice --json",
    "cortex-mem stats --usage",
    "cortex-mem stats --usage -u alice --from 2026-01-01 --json",
  ]);
  lazyAction(stats, state, () => import("../actions/stats.js"));
}
