import { createJobWorker } from "@cortex-mem/core/jobs";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { untilSignal } from "../runtime/doors.js";

/** `cortex-mem worker`: runs queued jobs until SIGINT/SIGTERM (or, with `--once`, until none is left). */
export async function run({ opts }: ActionInput<{ once?: boolean; concurrency?: number }>): Promise<void> {
  const out = outputFor(opts);
  await withMemory(opts, async (memory, config) => {
    const worker = createJobWorker(memory, {
      ...config.jobs,
      optimizer: config.optimizer,
      ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
      onAttemptError: (job, error, willRetry) =>
        out.note(
          `job ${job.id} (${job.kind}) attempt ${job.attempts} failed: ${error.code} ${error.message}${willRetry ? "; will retry" : ""}`,
        ),
    });
    if (opts.once) {
      const ran = await worker.drain();
      await out.result({ ran }, () => [`Ran ${ran} job(s).`]);
      return;
    }
    worker.start();
    out.note(`Cortex Memory worker ${worker.owner} running jobs (Ctrl-C to stop)`);
    await untilSignal();
    await worker.stop();
  });
}
