import type { ActionInput } from "../runtime/context.js";
import { loadCliConfig, outputFor } from "../runtime/context.js";
import { loadService, untilSignal } from "../runtime/doors.js";

/** `cortex-mem serve`: the REST service until SIGINT/SIGTERM; its URL goes to stderr (and stdout with `--json`). */
export async function run({
  opts,
}: ActionInput<{ host?: string; port?: number; allowUnauthenticatedRemote?: boolean }>): Promise<void> {
  const out = outputFor(opts);
  const server = {
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.allowUnauthenticatedRemote ? { allowUnauthenticatedRemote: true } : {}),
  };
  const { config, sources, file } = loadCliConfig(opts, Object.keys(server).length ? { server } : undefined);
  const { startService } = await loadService();
  const stopped = untilSignal(); // before the URL is printed: a signal right after it stops cleanly
  const running = await startService({
    config,
    configSources: sources,
    configFile: file,
    host: config.server.host,
    port: config.server.port,
  });
  out.note(`Cortex Memory REST service listening on ${running.url} (Ctrl-C to stop)`);
  if (out.json) await out.data({ url: running.url, port: running.port });
  await stopped;
  await running.close();
}
