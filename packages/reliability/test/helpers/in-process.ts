import { createMemory, loadConfig } from "@cortex-mem/core";
import type { CortexMemConfig, MemoryManager } from "@cortex-mem/core";
import { startService } from "@cortex-mem/service";
import { makeHome } from "../../src/home.js";
import type { TempHome } from "../../src/home.js";

/** A REST service listening on 127.0.0.1:<ephemeral> in this process, over a fresh home. */
export interface LocalService {
  url: string;
  home: TempHome;
  memory: MemoryManager;
  config: CortexMemConfig;
  close(): Promise<void>;
}

/** Starts the real service (startService) on a fresh home; `overrides` go into the config like flags would. */
export async function startLocalService(
  prefix: string,
  overrides: Record<string, unknown> = {},
): Promise<LocalService> {
  const home = makeHome(prefix);
  const { config } = loadConfig({
    env: { CORTEX_MEM_HOME: home.dir, CORTEX_MEM_LOG_LEVEL: "silent" },
    file: null,
    overrides,
  });
  const memory = await createMemory(config);
  const running = await startService({ config, memory, host: "127.0.0.1", port: 0 });
  return {
    url: running.url,
    home,
    memory,
    config,
    close: async () => {
      await running.close();
      await memory.close();
      home.remove();
    },
  };
}

/** JSON text with keys in a stable order, built without ever assigning `__proto__`: for comparing JSON values exactly. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
