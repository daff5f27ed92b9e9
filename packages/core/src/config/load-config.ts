import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { CortexMemError, ErrorCode } from "../errors.js";
import { configError } from "./config-errors.js";
import type { ConfigSource } from "./config-errors.js";
import { readConfigFile } from "./config-file.js";
import { envLayer } from "./env-layer.js";
import { parseConfig } from "./parse-config.js";
import { isV1GrpcUrl, looksLikeV1Config, v1ThresholdToScore } from "./v1-keys.js";
import type { V1Notes } from "./v1-keys.js";
import type { CortexMemConfig } from "./schema.js";

type Bag = Record<string, unknown>;

export type { ConfigSource } from "./config-errors.js";

/** What {@link loadConfig} reads: all optional; the doors pass `process.env` and their flags. */
export interface LoadConfigOptions {
  /**
   * Explicit config file (`-c`); otherwise `CORTEX_MEM_CONFIG`, `./cortex-mem.toml`, a Rust v1
   * `./config.toml` (only when it has a v1 section), `<home>/cortex-mem.toml`; `null` reads no file.
   */
  file?: string | null;
  env?: Record<string, string | undefined>;
  /** Values from flags, highest precedence (camelCase, nested like the config). */
  overrides?: Bag;
  cwd?: string;
  homeDir?: string;
}

/** The validated config, where each leaf came from, and which file (if any) was read. */
export interface LoadedConfig {
  config: CortexMemConfig;
  sources: Record<string, ConfigSource>;
  file: string | null;
  /** Keys read under their Rust v1 name: our dotted key → the v1 key (`memory.search_similarity_threshold`). */
  origins: Record<string, string>;
  /** One line per file key that could not be honoured (v1 keys); doors print them once on stderr. */
  warnings: string[];
}

const isBag = (v: unknown): v is Bag => typeof v === "object" && v !== null && !Array.isArray(v);

function merge(
  target: Bag,
  layer: Bag,
  source: ConfigSource,
  sources: Record<string, ConfigSource>,
  prefix = "",
): void {
  for (const [key, value] of Object.entries(layer)) {
    if (value === undefined) continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (isBag(value)) {
      if (!isBag(target[key])) target[key] = {};
      merge(target[key] as Bag, value, source, sources, path);
    } else {
      target[key] = value;
      sources[path] = source;
    }
  }
}

function leafPaths(value: unknown, prefix: string, out: string[]): string[] {
  if (isBag(value)) for (const [k, v] of Object.entries(value)) leafPaths(v, prefix ? `${prefix}.${k}` : k, out);
  else out.push(prefix);
  return out;
}

function findFile(options: LoadConfigOptions, home: string): string | null {
  if (options.file === null) return null;
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.file ?? options.env?.CORTEX_MEM_CONFIG;
  if (explicit) return resolve(cwd, explicit);
  const local = join(cwd, "cortex-mem.toml");
  if (existsSync(local)) return local;
  // Rust v1 read ./config.toml by default; a config.toml of some other tool is left alone.
  const v1 = join(cwd, "config.toml");
  if (existsSync(v1) && looksLikeV1Config(readFileSync(v1, "utf8"))) return v1;
  const inHome = join(home, "cortex-mem.toml");
  return existsSync(inHome) ? inHome : null;
}

const RANK: Record<ConfigSource, number> = { default: 0, file: 1, env: 2, flag: 3 };

/**
 * A Qdrant URL (`[qdrant] url`, `CORTEX_MEM_QDRANT_URL`) selects the Qdrant store unless a store
 * kind is given at the same or a higher level (so the env URL wins over `kind = "sqlite"` in a file).
 */
function selectQdrantByUrl(merged: Bag, sources: Record<string, ConfigSource>): void {
  const url = isBag(merged.qdrant) ? merged.qdrant.url : undefined;
  const kindSource = sources["store.kind"];
  if (url === undefined || (kindSource && RANK[kindSource] >= RANK[sources["qdrant.url"] ?? "default"])) return;
  merged.store = { ...(isBag(merged.store) ? merged.store : {}), kind: "qdrant" };
  sources["store.kind"] = sources["qdrant.url"] ?? "default";
}

/** `[qdrant] url` on 6334 is v1's gRPC port; our client speaks REST, so it would fail opaquely later. */
function rejectGrpcPort(merged: Bag, sources: Record<string, ConfigSource>): void {
  const url = isBag(merged.qdrant) ? merged.qdrant.url : undefined;
  if (!isV1GrpcUrl(url)) return;
  const where = sources["qdrant.url"] ?? "default";
  throw new CortexMemError(
    ErrorCode.CONFIG,
    `qdrant.url (${where}) is ${String(url)}: port 6334 is Qdrant's gRPC port, which the Rust v1 client used; ` +
      "this version speaks Qdrant's REST API: use port 6333 (e.g. http://localhost:6333)",
    { details: [{ path: "qdrant.url", message: "6334 is the gRPC port; use the REST port 6333" }] },
  );
}

/** v1's `search_similarity_threshold` (a cosine floor) → our fused score, unless ours is set too. */
function applyV1Threshold(config: CortexMemConfig, notes: V1Notes, sources: Record<string, ConfigSource>): void {
  const t = notes.searchSimilarityThreshold;
  if (t === undefined) return;
  if (sources["memory.searchThreshold"] !== undefined) {
    notes.warnings.push(
      "config key memory.search_similarity_threshold (Rust v1) is ignored: memory.search_threshold is set too",
    );
    delete notes.origins["memory.searchThreshold"];
    return;
  }
  if (!(t >= 0 && t <= 1)) {
    throw new CortexMemError(
      ErrorCode.CONFIG,
      "Invalid configuration: memory.search_similarity_threshold (file): expected a number from 0 to 1",
      {
        details: [{ path: "memory.search_similarity_threshold", message: "expected a number from 0 to 1" }],
      },
    );
  }
  config.memory.searchThreshold = v1ThresholdToScore(t, config.memory);
  sources["memory.searchThreshold"] = "file";
}

/**
 * Loads the configuration: defaults < file < environment < overrides, validated once as
 * `configSchema` validates it (`parseConfig`), which also resolves every default. A bad value or an unknown key is one
 * `CONFIG` error naming each key as its writer spells it (`memory.search_limit` from a file,
 * `memory.searchLimit` from library overrides), where it came from, and a "did you mean".
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? {};
  const sources: Record<string, ConfigSource> = {};
  const merged: Bag = {};
  const envBag = envLayer(env);
  const overrides = options.overrides ?? {};
  const homeGuess =
    (overrides.home as string) ?? (envBag.home as string) ?? join(options.homeDir ?? homedir(), ".cortex-mem");
  const file = findFile(options, homeGuess);
  const notes: V1Notes = { warnings: [], origins: {} };
  if (file) merge(merged, readConfigFile(file, notes), "file", sources);
  merge(merged, envBag, "env", sources);
  merge(merged, overrides, "flag", sources);
  selectQdrantByUrl(merged, sources);
  rejectGrpcPort(merged, sources);
  if (merged.home === undefined) merged.home = join(options.homeDir ?? homedir(), ".cortex-mem");

  // Only the sections set are built and parsed (without zod's JIT: once per process); errors come
  // from the whole schema (parse-config.ts).
  const parsed = parseConfig(merged);
  if (!parsed.success) throw configError(parsed.error, sources, merged);
  const config = parsed.data;
  applyV1Threshold(config, notes, sources);
  for (const path of leafPaths(config, "", [])) sources[path] ??= "default";
  return { config, sources, file, origins: notes.origins, warnings: notes.warnings };
}

/** Builds a config from an object alone (library use): no file, no environment. */
export function defineConfig(input: Bag & { home: string }): CortexMemConfig {
  return loadConfig({ overrides: input, file: null, env: {}, homeDir: input.home }).config;
}

/** Masks secrets (API keys) for display: first 3 characters then `…`. */
export function maskSecrets(config: CortexMemConfig): Bag {
  const mask = (s: string | undefined): string | undefined => (s === undefined ? s : `${s.slice(0, 3)}…`);
  return {
    ...config,
    llm: { ...config.llm, apiKey: mask(config.llm.apiKey) },
    embedding: { ...config.embedding, apiKey: mask(config.embedding.apiKey) },
    qdrant: { ...config.qdrant, apiKey: mask(config.qdrant.apiKey) },
    server: {
      ...config.server,
      apiKeys: config.server.apiKeys.map((k) => (typeof k === "string" ? mask(k) : { ...k, key: mask(k.key) })),
    },
  };
}
