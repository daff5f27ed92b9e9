import { JOB_STATUSES, parseOrThrow } from "@cortex-mem/core";
import { jobListQueryFromWire, jobToWire, wireJobListQuerySchema } from "@cortex-mem/core/wire";
import { formatJob, formatJobs } from "../format/job-format.js";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { UsageError } from "../runtime/exit-codes.js";
import type { ScopeFlags } from "./scope-flags.js";
import { guardOf, wireScope } from "./scope-flags.js";

type JobsFlags = ScopeFlags & { status?: string[]; kind?: string[]; limit?: number; cancel?: boolean };

/** `cortex-mem jobs [id]`: a page of jobs, newest first, or one job (and `--cancel` it). */
export async function run({ args, opts }: ActionInput<JobsFlags>): Promise<void> {
  const out = outputFor(opts);
  const id = args[0];
  if (opts.cancel && id === undefined) throw new UsageError("--cancel needs a job id: cortex-mem jobs <id> --cancel");
  if (id !== undefined) {
    const job = await withMemory(opts, (m) =>
      opts.cancel ? m.cancelJob(id, guardOf(opts)) : m.job(id, guardOf(opts)),
    );
    await out.result(jobToWire(job), () => formatJob(job, out.c));
    return;
  }
  const wire = {
    ...wireScope(opts),
    ...(opts.status?.length ? { status: opts.status } : {}),
    ...(opts.kind?.length ? { kind: opts.kind } : {}),
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
  };
  const query = jobListQueryFromWire(
    parseOrThrow(wireJobListQuerySchema, wire, `jobs filters (statuses: ${JOB_STATUSES.join(", ")})`),
  );
  const page = await withMemory(opts, (m) => m.listJobs(query));
  await out.result({ jobs: page.jobs.map(jobToWire), next_cursor: page.nextCursor }, () =>
    formatJobs(page.jobs, out.c),
  );
}
