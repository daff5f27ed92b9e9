import type { ServerResponse } from "node:http";

/**
 * An AbortSignal that fires when the client goes away before its answer was sent, so provider
 * calls (LLM, embeddings) of an abandoned request stop instead of running on.
 */
export function clientGone(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) controller.abort(new Error("client closed the connection"));
  });
  return controller.signal;
}
