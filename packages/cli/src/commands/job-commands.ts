import type { Command } from "commander";
import { collectList, parseInteger } from "../input/option-parsers.js";
import type { RunState } from "./common.js";
import { commonOptions, examples, lazyAction, scopeOptions } from "./common.js";

/** `jobs` (status of async adds and other jobs) and `worker` (runs them in a CLI-only setup). */
export function defineJobCommands(program: Command, state: RunState): void {
  const jobs = program
    .command("jobs")
    .description("Show queued, running and finished jobs (async adds, expiry, optimizer), or one job by id")
    .argument("[id]", "one job: its status, progress, log, result or error")
    .option(
      "-s, --status <list>",
      "only these statuses: queued, running, completed, failed, cancelled, interrupted",
      collectList,
    )
    .option("-k, --kind <list>", "only these kinds, e.g. memory.add", collectList)
    .option("-n, --limit <n>", "how many (default 50)", parseInteger)
    .option("--cancel", "with an id: cancel the job (a running one stops at its next step)");
  scopeOptions(commonOptions(jobs), "the jobs of");
  examples(jobs, [
    "cortex-mem jobs",
    "cortex-mem jobs --status queued,running -u alice",
    "cortex-mem jobs 5d1c…a2 --json",
    "cortex-mem jobs 5d1c…a2 --cancel",
  ]);
  lazyAction(jobs, state, () => import("../actions/jobs.js"));

  const worker = program
    .command("worker")
    .description("Run queued jobs (async adds…) until Ctrl-C; the service and MCP server run their own")
    .option("--once", "run what is queued now, then exit")
    .option("--concurrency <n>", "jobs at once (default jobs.concurrency, 2)", parseInteger);
  commonOptions(worker);
  examples(worker, ["cortex-mem worker", "cortex-mem worker --once --json"]);
  lazyAction(worker, state, () => import("../actions/worker.js"));
}
