import { spawn } from "node:child_process";
import type { ActionInput } from "../runtime/context.js";
import { loadCliConfig, outputFor } from "../runtime/context.js";
import { loadService, untilSignal } from "../runtime/doors.js";

type UiFlags = { host?: string; port?: number; open?: boolean };

/** Asks the desktop to open `url` (xdg-open, open, start); silently does nothing where there is none. */
function openInBrowser(url: string): void {
  const [cmd, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  try {
    const child = spawn(cmd as string, args as string[], { stdio: "ignore", detached: true });
    child.on("error", () => {});
    child.unref();
  } catch {
    // No browser here (a server, CI): the printed URL is enough.
  }
}

/**
 * `cortex-mem ui`: the dashboard. Uses the service already running on this home (announced in
 * `<home>/service.json`), else starts one here until Ctrl-C. Prints the dashboard's URL on stdout
 * and opens it in a browser unless `--no-open`.
 */
export async function run({ opts }: ActionInput<UiFlags>): Promise<void> {
  const out = outputFor(opts);
  const server = {
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
  };
  const { config, sources, file } = loadCliConfig(opts, Object.keys(server).length ? { server } : undefined);
  const { findRunningService, startService } = await loadService();
  const existing = await findRunningService(config.home);
  const show = async (url: string, started: boolean): Promise<void> => {
    const ui = `${url}/ui/`;
    if (out.json) await out.data({ url: ui, started });
    else process.stdout.write(`${ui}\n`);
    if (opts.open !== false) openInBrowser(ui);
  };
  if (existing) {
    out.note(`Cortex Memory Insights is served by the running service at ${existing}`);
    await show(existing, false);
    return;
  }
  const running = await startService({
    config,
    configSources: sources,
    configFile: file,
    host: config.server.host,
    port: config.server.port,
  });
  const stopped = untilSignal();
  out.note(`Started the REST service on ${running.url}; the dashboard stays up until Ctrl-C`);
  await show(running.url, true);
  await stopped;
  await running.close();
}
