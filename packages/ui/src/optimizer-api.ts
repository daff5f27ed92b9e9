// The optimizer's REST answers as the dashboard reads them (`/optimization…`, v1's shapes), and a
// hook that polls one job until it finishes.
import { useEffect, useState } from "preact/hooks";
import { get } from "./api.js";

/** v1's strategies, with what each considers (the service's `STRATEGY_ISSUES`). */
export const STRATEGIES: [string, string][] = [
  ["full", "every issue"],
  ["incremental", "high and critical issues only"],
  ["batch", "all but low-severity issues"],
  ["deduplication", "duplicates"],
  ["relevance", "outdated memories"],
  ["quality", "low quality and poor classification"],
  ["space", "space: expired and old superseded memories"],
];

/** Body of `POST /optimization/analyze` and `POST /optimization`. */
export interface OptimizationRequest {
  strategy: string;
  user_id?: string;
  agent_id?: string;
  run_id?: string;
  memory_type?: string;
  limit?: number;
}

/** One issue of an analysis. */
export interface PlanIssue {
  id: string;
  kind: string;
  severity: string;
  description: string;
  affected_memories: string[];
  recommendation: string;
}

/** One planned action (Merge, Delete, Update, Reclassify, Archive). */
export interface PlanAction {
  type: string;
  reason: string;
  memory_id?: string;
  survivor?: string;
  memories?: string[];
  content?: string;
  memory_type?: string;
}

/** `POST /optimization/analyze`: nothing is written. */
export interface Analysis {
  issues: PlanIssue[];
  summary: { total_issues: number; total_affected_memories: number; estimated_duration_minutes: number };
  actions: PlanAction[];
  strategy: string;
  scanned: number;
  llm_calls: number;
}

/** `GET /optimization/{job_id}`. */
export interface OptimizationJob {
  job_id: string;
  kind: string;
  status: string;
  job_status: string;
  progress: number;
  current_phase: string | null;
  logs: string[];
  result: Record<string, unknown> | null;
  error: { code: string; message: string } | null;
  start_time: string;
  end_time: string | null;
  duration: number | null;
}

/** One row of `GET /optimization/history`. */
export interface HistoryItem {
  job_id: string;
  kind: string;
  status: string;
  start_time: string;
  end_time: string | null;
  duration: number | null;
  logs_count: number;
  has_result: boolean;
}

/** True once a job will not change any more. */
export const finished = (status: string): boolean => ["completed", "failed", "cancelled"].includes(status);

/** The state of a polled job: null before the first answer; `error` when polling failed. */
export interface Polled {
  job: OptimizationJob | null;
  error: unknown;
}

/** Polls `GET /optimization/{id}` every `everyMs` until the job is finished; `onDone` runs once then. */
export function useJob(id: string | null, onDone: () => void, everyMs = 400): Polled {
  const [state, setState] = useState<Polled>({ job: null, error: null });
  useEffect(() => {
    setState({ job: null, error: null });
    if (!id) return;
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async (): Promise<void> => {
      try {
        const job = await get<OptimizationJob>(`/optimization/${encodeURIComponent(id)}`, undefined, ctl.signal);
        if (ctl.signal.aborted) return;
        setState({ job, error: null });
        if (finished(job.status)) onDone();
        else timer = setTimeout(() => void tick(), everyMs);
      } catch (error) {
        if (!ctl.signal.aborted) setState((s) => ({ ...s, error }));
      }
    };
    void tick();
    return () => {
      ctl.abort();
      clearTimeout(timer);
    };
  }, [id]);
  return state;
}
