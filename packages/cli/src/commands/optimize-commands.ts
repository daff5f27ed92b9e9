import type { Command } from "commander";
import { parseInteger } from "../input/option-parsers.js";
import type { RunState } from "./common.js";
import { commonOptions, examples, lazyAction } from "./common.js";

/** `optimize`, `optimize-status`, `optimize-undo` and `optimize-config`: v1's optimizer commands. */
export function defineOptimizeCommands(program: Command, state: RunState): void {
  const optimize = program
    .command("optimize")
    .description(
      "Find duplicates, low-quality, outdated, misclassified and expired memories and fix them as an undoable job",
    )
    .option("--strategy <name>", "full, incremental, batch, deduplication, relevance, quality or space", "full")
    .option("-u, --user-id <id>", "only this user's memories")
    .option("-a, --agent-id <id>", "only this agent's memories")
    .option("--memory-type <type>", "only memories of this type")
    .option("--preview", "only analyze: show the issues and the planned actions, change nothing")
    .option("--no-confirm", "do not ask before applying")
    .option("--limit <n>", "issues and actions shown (default 10)", parseInteger)
    .option("--verbose", "show each affected memory's content")
    .option("--aggressive", "accepted for Rust v1 scripts (v1 ignored it too)")
    .option("--timeout <minutes>", "accepted for Rust v1 scripts (v1 ignored it); cancel a job instead", parseInteger);
  commonOptions(optimize);
  examples(optimize, [
    "cortex-mem optimize --preview -u alice",
    "cortex-mem optimize --strategy deduplication -u alice --no-confirm",
    "cortex-mem optimize --strategy space --no-confirm --json",
  ]);
  lazyAction(optimize, state, () => import("../actions/optimize.js"));

  const status = program
    .command("optimize-status")
    .description("Show optimization jobs, or one job's status, progress, log and result")
    .argument("[job]", "job id");
  status
    .option("-l, --limit <n>", "jobs listed (default 20)", parseInteger)
    .option("--detailed", "with a job: the whole log")
    .option("--history", "accepted for Rust v1 scripts: the list is the history");
  commonOptions(status);
  examples(status, ["cortex-mem optimize-status", "cortex-mem optimize-status 3f0c…e1 --json"]);
  lazyAction(status, state, () => import("../actions/optimize-status.js"));

  const undo = program
    .command("optimize-undo")
    .description("Undo a finished optimization job: every memory it changed is restored")
    .argument("<job>", "job id")
    .option("--no-confirm", "do not ask");
  commonOptions(undo);
  examples(undo, ["cortex-mem optimize-undo 3f0c…e1 --no-confirm"]);
  lazyAction(undo, state, () => import("../actions/optimize-undo.js"));

  const cfg = program
    .command("optimize-config")
    .description("Show the optimizer's settings ([optimizer] in the config file) and where each came from")
    .option("--show", "show them (the default)");
  commonOptions(cfg);
  examples(cfg, ["cortex-mem optimize-config --show", "cortex-mem optimize-config --json"]);
  lazyAction(cfg, state, () => import("../actions/optimize-config.js"));
}
