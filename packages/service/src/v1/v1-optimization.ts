import type { Request, Response, Router } from "express";
import { OPTIMIZATION_HANDLERS } from "../routes/optimization.js";
import type { RouteContext } from "../routes/route-spec.js";

type Handler = (req: Request, res: Response) => Promise<void>;
type Failing = (code: string, handler: Handler) => Handler;

/** v1's `/optimization…` routes under `/v1`: our handlers, v1's error codes. */
export function mountV1Optimization(router: Router, ctx: RouteContext, failing: Failing): void {
  const h =
    (name: string): Handler =>
    (req, res) =>
      (OPTIMIZATION_HANDLERS[name] as NonNullable<(typeof OPTIMIZATION_HANDLERS)[string]>)(ctx, req, res);
  router.post("/optimization", failing("OPTIMIZATION_FAILED", h("start")));
  router.post("/optimization/analyze", failing("ANALYSIS_FAILED", h("analyze")));
  router.get("/optimization/history", failing("HISTORY_FAILED", h("history")));
  router.get("/optimization/statistics", failing("STATISTICS_FAILED", h("statistics")));
  router.post("/optimization/cleanup", failing("CLEANUP_FAILED", h("cleanup")));
  router.get("/optimization/:job_id", failing("JOB_NOT_FOUND", h("get")));
  router.post("/optimization/:job_id/cancel", failing("JOB_COMPLETED", h("cancel")));
  router.post("/optimization/:job_id/undo", failing("UNDO_FAILED", h("undo")));
}
