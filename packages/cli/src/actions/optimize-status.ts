import { OPTIMIZE_JOB_KIND, OPTIMIZE_UNDO_JOB_KIND, optimizationJob } from "@cortex-mem/core/optimizer";
import { optimizationHistoryItem, optimizationJobToWire } from "@cortex-mem/core/v1";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";

/** `cortex-mem optimize-status [job]`: the optimization jobs, newest first, or one job in full. */
export async function run({ args, opts }: ActionInput<{ limit?: number; detailed?: boolean }>): Promise<void> {
  const out = outputFor(opts);
  await withMemory(opts, async (memory) => {
    if (args[0]) {
      const job = optimizationJobToWire(await optimizationJob(memory, args[0]));
      const logs = job.logs as string[];
      await out.result(job, () => [
        `${job.job_id}  ${String(job.kind)}  ${String(job.job_status)}  ${String(job.progress)}%  phase ${String(job.current_phase)}`,
        ...(opts.detailed ? logs : logs.slice(-10)),
        `result: ${JSON.stringify(job.result)}`,
      ]);
      return;
    }
    const page = await memory.listJobs({ kind: [OPTIMIZE_JOB_KIND, OPTIMIZE_UNDO_JOB_KIND], limit: opts.limit ?? 20 });
    const rows = page.jobs.map(optimizationHistoryItem);
    await out.result({ history: rows, total: rows.length }, () =>
      rows.length
        ? rows.map(
            (r) =>
              `${String(r.job_id)}  ${String(r.kind).padEnd(13)}  ${String(r.status).padEnd(9)}  ${String(r.start_time)}`,
          )
        : ["No optimization jobs."],
    );
  });
}
