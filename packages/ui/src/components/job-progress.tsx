// One optimizer job as it runs: status, phase, a progress bar, its latest log lines, the result;
// cancel while it runs, undo once an optimize job has finished.
import { finished } from "../optimizer-api.js";
import type { Polled } from "../optimizer-api.js";
import { ErrorBox, Spinner } from "./status.js";

const RESULT_LABELS: Record<string, string> = {
  actionsPerformed: "actions applied",
  actionsSkipped: "actions skipped",
  actionsPlanned: "actions planned",
  issuesFound: "issues found",
  scanned: "memories scanned",
  memoryCountBefore: "memories before",
  memoryCountAfter: "memories after",
  memoriesRestored: "memories restored",
};

/** The job card. */
export function JobProgress({
  polled,
  onCancel,
  onUndo,
}: {
  polled: Polled;
  onCancel: (id: string) => void;
  onUndo: (id: string) => void;
}) {
  const { job, error } = polled;
  if (!job) return error ? <ErrorBox error={error} /> : <Spinner label="Starting the job" />;
  const done = finished(job.status);
  const result = job.result ?? {};
  const what = job.kind === "optimize.undo" ? "Undo" : "Optimization";
  return (
    <section class="card wide" aria-labelledby="job-h" data-testid="job">
      <h2 id="job-h">
        {what} <code>{job.job_id.slice(0, 8)}</code> <span class={`event st-${job.status}`}>{job.status}</span>
      </h2>
      <label>
        Progress{job.current_phase ? ` (${job.current_phase})` : ""}: {job.progress}%
        <progress max={100} value={job.progress} aria-valuetext={`${job.progress}%`} />
      </label>
      <p role="status" class="sr-only">
        {done ? `${what} ${job.status}` : ""}
      </p>
      {job.error ? (
        <p class="error" role="alert">
          {job.error.message} ({job.error.code})
        </p>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {Object.keys(result).length ? (
        <dl class="fields-view" aria-label="Result">
          {Object.entries(RESULT_LABELS)
            .filter(([k]) => typeof result[k] === "number")
            .map(([k, label]) => (
              <div key={k}>
                <dt>{label}</dt>
                <dd>{(result[k] as number).toLocaleString()}</dd>
              </div>
            ))}
        </dl>
      ) : null}
      {job.logs.length ? (
        <details open={!done}>
          <summary>Log ({job.logs.length} lines)</summary>
          <pre class="log">{job.logs.slice(-12).join("\n")}</pre>
        </details>
      ) : null}
      <div class="toolbar">
        {!done ? (
          <button type="button" class="danger" onClick={() => onCancel(job.job_id)}>
            Cancel job
          </button>
        ) : null}
        {done && job.kind === "optimize" && result.dryRun !== true ? (
          <button type="button" class="ghost" onClick={() => onUndo(job.job_id)}>
            Undo this optimization
          </button>
        ) : null}
      </div>
    </section>
  );
}
