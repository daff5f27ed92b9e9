// Module resolve hook installed by trace-register.ts: appends the URL of every ES module the process
// resolves to $TRACE_FILE, one a line.
import { appendFileSync } from "node:fs";
import type { ResolveHook } from "node:module";

/** Resolves as Node would, then records the resolved URL in `$TRACE_FILE`. */
export const resolve: ResolveHook = async (specifier, context, next) => {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.TRACE_FILE as string, `${resolved.url}\n`);
  return resolved;
};
