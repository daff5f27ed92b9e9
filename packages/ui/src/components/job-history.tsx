// Past optimize and undo jobs, newest first; each can be opened, finished optimize jobs undone.
import { when } from "../format.js";
import type { HistoryItem } from "../optimizer-api.js";
import { finished } from "../optimizer-api.js";
import { Empty } from "./status.js";

/** The job history table. */
export function JobHistory({
  rows,
  total,
  onOpen,
  onUndo,
}: {
  rows: HistoryItem[];
  total: number;
  onOpen: (id: string) => void;
  onUndo: (id: string) => void;
}) {
  return (
    <section class="card wide" aria-labelledby="history-h">
      <h2 id="history-h">
        Job history <span class="muted">({total})</span>
      </h2>
      {rows.length === 0 ? (
        <Empty>No optimization has run yet.</Empty>
      ) : (
        <table class="owners" data-testid="job-history">
          <caption class="sr-only">Optimization and undo jobs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Job</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col">Seconds</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((j) => (
              <tr key={j.job_id}>
                <td>
                  <button
                    type="button"
                    class="link"
                    onClick={() => onOpen(j.job_id)}
                    aria-label={`Open job ${j.job_id}`}
                  >
                    <code>{j.job_id.slice(0, 8)}</code>
                  </button>
                </td>
                <td data-label="Kind">{j.kind === "optimize.undo" ? "undo" : "optimize"}</td>
                <td data-label="Status">
                  <span class={`event st-${j.status}`}>{j.status}</span>
                </td>
                <td data-label="Started">{when(j.start_time)}</td>
                <td data-label="Seconds">{j.duration ?? "—"}</td>
                <td>
                  {j.kind === "optimize" && finished(j.status) ? (
                    <button
                      type="button"
                      class="ghost small"
                      onClick={() => onUndo(j.job_id)}
                      aria-label={`Undo job ${j.job_id}`}
                    >
                      Undo…
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
