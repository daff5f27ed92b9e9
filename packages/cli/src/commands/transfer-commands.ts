import type { Command } from "commander";
import { parseInteger } from "../input/option-parsers.js";
import type { RunState } from "./common.js";
import { commonOptions, examples, lazyAction, scopeOptions } from "./common.js";

/**
 * Fills the store names into `migrate`'s help from core's one list of built-in names. `run` calls
 * it only when the arguments name `migrate` (`migrate --help`, `help migrate`), so `--version` and
 * the other commands load no core.
 */
export async function describeMigrateStores(program: Command): Promise<void> {
  const migrate = program.commands.find((c) => c.name() === "migrate");
  if (!migrate) return;
  const { BUILTIN_PROVIDERS } = await import("@cortex-mem/core/names");
  const stores = BUILTIN_PROVIDERS.store.join(", ");
  for (const option of migrate.options)
    if (option.description) option.description = option.description.replace("<stores>", stores);
}

/** `export`, `import`, `reembed` and `migrate`: moving memories between stores and embedders. */
export function defineTransferCommands(program: Command, state: RunState): void {
  const exp = program
    .command("export")
    .description("Write memories with their vectors and history as JSONL (stdout, or --out)")
    .option("-o, --out <file>", "write to this file instead of stdout");
  scopeOptions(commonOptions(exp), "only export");
  examples(exp, ["cortex-mem export --out backup.jsonl", "cortex-mem export -u alice > alice.jsonl"]);
  lazyAction(exp, state, () => import("../actions/export.js"));

  const imp = program
    .command("import")
    .description("Read a cortex-mem export (idempotent: re-running adds nothing), or the MCP memory server's graph")
    .argument("<file>", "a .jsonl file, or - for stdin")
    .option(
      "--from-mcp-memory",
      "the file is the official MCP memory server's memory.jsonl: observations and relations become memories",
    )
    .option("--batch-size <n>", "memories per transaction", parseInteger)
    .option(
      "--skip-invalid",
      "import the valid records and report the invalid ones (default: one invalid record aborts before anything is written); exits 3 either way",
    );
  scopeOptions(commonOptions(imp), "with --from-mcp-memory: store them for");
  examples(imp, [
    "cortex-mem import backup.jsonl",
    "cat backup.jsonl | cortex-mem import - --json",
    "cortex-mem import ~/.mcp/memory.jsonl --from-mcp-memory -u alice",
  ]);
  lazyAction(imp, state, () => import("../actions/import.js"));

  const reembed = program
    .command("reembed")
    .description("Re-embed every memory with the configured embedder (after switching models); resumable")
    .option("--batch-size <n>", "texts per embedding call (default embedding.batch_size)", parseInteger);
  commonOptions(reembed);
  examples(reembed, [
    "CORTEX_MEM_EMBEDDING_PROVIDER=openai OPENAI_API_KEY=sk-… cortex-mem reembed",
    "cortex-mem reembed --batch-size 256 --json",
  ]);
  lazyAction(reembed, state, () => import("../actions/reembed.js"));

  const migrate = program
    .command("migrate")
    .description(
      "Copy every memory and its history from one store to another (idempotent; counts verified), or from a Rust v1 Qdrant collection",
    )
    .option(
      "--to <store>",
      "the store to copy into: <stores> (from store.kind, or from the other one when store.kind is the target); with --from-v1-qdrant the target (default sqlite)",
    )
    .option("--from <store>", "the store to copy from: <stores> (default: see --to)")
    .option("--from-v1-qdrant", "read a Rust v1 collection (one unnamed vector, v1 payload) and copy it into our store")
    .option("--v1-url <url>", "with --from-v1-qdrant: Qdrant REST URL (default qdrant.url, else http://localhost:6333)")
    .option(
      "--v1-collection <name>",
      "with --from-v1-qdrant: the v1 collection (default the v1 config's collection_name, else cortex-memory)",
    )
    .option("--batch-size <n>", "memories per write", parseInteger);
  commonOptions(migrate);
  examples(migrate, [
    "CORTEX_MEM_QDRANT_URL=http://localhost:6333 cortex-mem migrate --to qdrant",
    "cortex-mem migrate --to sqlite --json",
    "cortex-mem migrate --from-v1-qdrant --v1-url http://localhost:6333 --v1-collection cortex-memory",
  ]);
  lazyAction(migrate, state, async () => {
    const fromV1 = migrate.opts<{ fromV1Qdrant?: boolean }>().fromV1Qdrant === true;
    return fromV1 ? import("../actions/migrate-v1.js") : import("../actions/migrate.js");
  });
}
