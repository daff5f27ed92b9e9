// Optimizer: analyze (dry run) → preview the plan → run it as a job, watch its progress, cancel it;
// the job history; undo of a finished run. Only the public `/optimization…` routes are used.
import { useState } from "preact/hooks";
import { call, get, messageOf } from "../api.js";
import { ConfirmDialog } from "../components/confirm-dialog.js";
import { JobHistory } from "../components/job-history.js";
import { JobProgress } from "../components/job-progress.js";
import { OptimizerForm } from "../components/optimizer-form.js";
import { PlanPreview } from "../components/plan-preview.js";
import { ErrorBox, Show, Spinner, useLoad } from "../components/status.js";
import { finished, useJob } from "../optimizer-api.js";
import type { Analysis, HistoryItem, OptimizationRequest } from "../optimizer-api.js";
import { useSession } from "../session.js";

type Plan =
  { status: "idle" } | { status: "loading" } | { status: "error"; error: unknown } | { status: "ok"; plan: Analysis };

/** The Optimizer page. */
export function OptimizerPage() {
  const { boundUser } = useSession();
  const [request, setRequest] = useState<OptimizationRequest | null>(null);
  const [plan, setPlan] = useState<Plan>({ status: "idle" });
  const [jobId, setJobId] = useState<string | null>(null);
  const [undoing, setUndoing] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [history, reloadHistory] = useLoad(
    (signal) => get<{ total: number; history: HistoryItem[] }>("/optimization/history", { limit: 20 }, signal),
    [],
  );
  const polled = useJob(jobId, reloadHistory);
  const running = polled.job !== null && !finished(polled.job.status);

  const analyze = async (req: OptimizationRequest): Promise<void> => {
    setRequest(req);
    setPlan({ status: "loading" });
    try {
      const { data } = await call<Analysis>("POST", "/optimization/analyze", { body: req });
      setPlan({ status: "ok", plan: data });
    } catch (error) {
      setPlan({ status: "error", error });
    }
  };
  const start = async (path: string, body: unknown, what: string): Promise<void> => {
    try {
      const { data } = await call<{ job_id: string }>("POST", path, { body });
      setNotice({ text: `${what} queued as job ${data.job_id.slice(0, 8)}.` });
      setPlan({ status: "idle" });
      setJobId(data.job_id);
      reloadHistory();
    } catch (error) {
      setNotice({ text: messageOf(error), error: true });
    }
  };
  const cancel = async (id: string): Promise<void> => {
    try {
      await call("POST", `/optimization/${encodeURIComponent(id)}/cancel`);
      setNotice({ text: "Cancel requested: the job stops before its next action." });
    } catch (error) {
      setNotice({ text: messageOf(error), error: true });
    }
  };

  return (
    <>
      <h1>Optimizer</h1>
      <p class="muted">
        Finds duplicates, outdated, low-quality and misclassified memories. Analyze first; a run applies the plan as a
        background job, and undo restores every memory it changed.
      </p>
      {notice ? (
        <p role={notice.error ? "alert" : "status"} class={notice.error ? "error" : "notice"}>
          {notice.text}
        </p>
      ) : null}
      <div class="grid">
        <OptimizerForm boundUser={boundUser} busy={plan.status === "loading"} onAnalyze={(r) => void analyze(r)} />
        {plan.status === "loading" ? <Spinner label="Analyzing" /> : null}
        {plan.status === "error" ? (
          <ErrorBox error={plan.error} onRetry={() => request && void analyze(request)} />
        ) : null}
        {plan.status === "ok" ? (
          <PlanPreview
            plan={plan.plan}
            busy={running}
            onRun={() => void start("/optimization", request ?? {}, "Optimization")}
          />
        ) : null}
        {jobId ? (
          <JobProgress polled={polled} onCancel={(id) => void cancel(id)} onUndo={(id) => setUndoing(id)} />
        ) : null}
        <Show state={history} retry={reloadHistory} label="Loading the job history">
          {(h) => <JobHistory rows={h.history} total={h.total} onOpen={setJobId} onUndo={(id) => setUndoing(id)} />}
        </Show>
      </div>
      {undoing ? (
        <ConfirmDialog
          title={`Undo job ${undoing.slice(0, 8)}`}
          action="Undo"
          message="Every memory this run changed is put back as it was before (a later edit of those memories is overwritten)."
          onConfirm={() => void start(`/optimization/${encodeURIComponent(undoing)}/undo`, undefined, "Undo")}
          onClose={() => setUndoing(null)}
        />
      ) : null}
    </>
  );
}
