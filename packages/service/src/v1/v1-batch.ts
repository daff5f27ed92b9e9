import { parseOrThrow, toCortexMemError } from "@cortex-mem/core";
import { v1BatchDeleteBody, v1BatchUpdateBody } from "@cortex-mem/core/v1";
import type { Request, Response, Router } from "express";
import { guardOf } from "../http/scope-guard.js";
import type { RouteContext } from "../routes/route-spec.js";

type Handler = (req: Request, res: Response) => Promise<void>;
type Failing = (code: string, handler: Handler) => Handler;

/** v1's batch answer; v1 answered 206 with an error body on a partial failure, we answer 200 with the counts. */
function batchAnswer(ok: number, errors: string[], verb: string) {
  return {
    success_count: ok,
    failure_count: errors.length,
    errors,
    message: `Batch ${verb} completed: ${ok} succeeded, ${errors.length} failed`,
  };
}

/** `POST /v1/memories/batch/delete` and `/batch/update` with v1's bodies and answers. */
export function mountV1Batch(router: Router, ctx: RouteContext, failing: Failing): void {
  const { memory } = ctx;
  router.post(
    "/memories/batch/delete",
    failing("BATCH_DELETE_FAILED", async (req, res) => {
      const { ids } = parseOrThrow(v1BatchDeleteBody, req.body ?? {}, "body");
      const guard = guardOf(res, {});
      const errors: string[] = [];
      for (const id of ids) {
        await memory.delete(id, guard).catch((e: unknown) => errors.push(`${id}: ${toCortexMemError(e).message}`));
      }
      res.json(batchAnswer(ids.length - errors.length, errors, "delete"));
    }),
  );
  router.post(
    "/memories/batch/update",
    failing("BATCH_UPDATE_FAILED", async (req, res) => {
      const { updates } = parseOrThrow(v1BatchUpdateBody, req.body ?? {}, "body");
      const guard = guardOf(res, {});
      const errors: string[] = [];
      for (const { id, content } of updates) {
        await memory
          .update(id, { content }, guard)
          .catch((e: unknown) => errors.push(`${id}: ${toCortexMemError(e).message}`));
      }
      res.json(batchAnswer(updates.length - errors.length, errors, "update"));
    }),
  );
}
