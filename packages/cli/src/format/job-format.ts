import type { JobRecord } from "@cortex-mem/core";
import type { Colors } from "../runtime/colors.js";
import { keyValues, table, terminalWidth } from "./table.js";

const when = (d: Date | null): string => (d ? d.toISOString().slice(0, 19).replace("T", " ") : "-");
const scopeText = (s: JobRecord["scope"]): string =>
  [s.userId && `user=${s.userId}`, s.agentId && `agent=${s.agentId}`, s.runId && `run=${s.runId}`]
    .filter(Boolean)
    .join(" ");

function paint(status: string, c: Colors): string {
  const colors: Record<string, (s: string) => string> = {
    completed: c.green,
    failed: c.red,
    cancelled: c.dim,
    running: c.cyan,
    interrupted: c.yellow,
  };
  return (colors[status] ?? ((s: string) => s))(status);
}

/** Jobs as a table, newest first. */
export function formatJobs(jobs: JobRecord[], c: Colors): string[] {
  if (jobs.length === 0) return [c.dim("No jobs.")];
  return table(
    [
      { header: "ID", color: c.dim },
      { header: "KIND" },
      { header: "STATUS" },
      { header: "TRIES" },
      { header: "CREATED" },
      { header: "SCOPE" },
    ],
    jobs.map((j) => [
      j.id,
      j.kind,
      paint(j.status, c),
      `${j.attempts}/${j.maxAttempts}`,
      when(j.createdAt),
      scopeText(j.scope),
    ]),
    { width: terminalWidth() ?? 0, bold: c.bold },
  );
}

/** One job: status, progress, times, error or result, and its log. */
export function formatJob(job: JobRecord, c: Colors): string[] {
  const lines = keyValues(
    [
      ["id", job.id],
      ["kind", job.kind],
      [
        "status",
        paint(job.status, c) + (job.cancelRequested && job.status === "running" ? c.dim(" (cancel requested)") : ""),
      ],
      ["scope", scopeText(job.scope)],
      ["attempts", `${job.attempts}/${job.maxAttempts}`],
      [
        "progress",
        job.progress === null ? "-" : `${Math.round(job.progress * 100)}%${job.phase ? ` (${job.phase})` : ""}`,
      ],
      ["created", when(job.createdAt)],
      ["started", when(job.startedAt)],
      ["finished", when(job.finishedAt)],
      ...(job.error ? ([["error", c.red(`${job.error.code}: ${job.error.message}`)]] as [string, string][]) : []),
      ...(job.result !== null && job.result !== undefined
        ? ([["result", JSON.stringify(job.result)]] as [string, string][])
        : []),
    ],
    c.bold,
  );
  return [...lines, ...job.log.slice(-10).map((l) => c.dim(`  ${when(l.at)}  ${l.message}`))];
}
