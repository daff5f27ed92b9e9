import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import { ENV_KEYS } from "./env-layer.js";
import type { ConfigSource, LoadedConfig } from "./load-config.js";
import { maskSecrets } from "./load-config.js";

type Bag = Record<string, unknown>;

/** One leaf of the effective configuration. */
export interface EffectiveSetting {
  /** Dotted key as written in `cortex-mem.toml` (snake_case), e.g. `llm.base_url`. */
  key: string;
  /** The value in force; secrets (API keys) masked to their first 3 characters. */
  value: unknown;
  /** Where it came from; `unknown` when the config was built without its sources (embedding). */
  source: ConfigSource | "unknown";
  /** The environment variable that sets it, if any. */
  env?: string;
  secret: boolean;
}

/** {@link EffectiveSetting} on the wire. */
export const wireEffectiveSettingSchema = lazySchema(() =>
  z.strictObject({
    key: z.string(),
    value: z.unknown(),
    source: z.enum(["default", "file", "env", "flag", "unknown"]),
    env: z.string().optional(),
    secret: z.boolean(),
  }),
);

const snake = (path: string): string => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const isBag = (v: unknown): v is Bag => typeof v === "object" && v !== null && !Array.isArray(v);
const SECRET = /(^|\.)(apiKey|apiKeys)$/;

function leaves(value: unknown, prefix: string, out: [string, unknown][]): [string, unknown][] {
  if (isBag(value)) for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  else out.push([prefix, value]);
  return out;
}

/**
 * The configuration in force as a flat list, sorted by key: each leaf with where it came from
 * (default, file, env, flag) and its environment variable, secrets masked. Unset optional leaves
 * are listed with value null.
 */
export function effectiveConfig(loaded: {
  config: LoadedConfig["config"];
  sources?: LoadedConfig["sources"];
}): EffectiveSetting[] {
  const envOf = new Map(Object.entries(ENV_KEYS).map(([name, path]) => [path, name]));
  const masked = maskSecrets(loaded.config);
  return leaves(masked, "", [])
    .map(([path, value]) => {
      const env = envOf.get(path);
      return {
        key: snake(path),
        value: value === undefined ? null : value,
        source: loaded.sources ? (loaded.sources[path] ?? "default") : ("unknown" as const),
        ...(env ? { env } : {}),
        secret: SECRET.test(path),
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}
