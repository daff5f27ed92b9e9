import { existsSync, readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import { CortexMemError, ErrorCode } from "../errors.js";
import { applyV1Key } from "./v1-keys.js";
import type { V1Notes } from "./v1-keys.js";

type Bag = Record<string, unknown>;

/** `search_limit` → `searchLimit`: file keys are snake_case, the schema's are camelCase. */
export const camel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** `searchLimit` → `search_limit`: how a key is named back to a user of files and the environment. */
export const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const isBag = (v: unknown): v is Bag => typeof v === "object" && v !== null && !Array.isArray(v);

/** camelCases the keys of objects inside arrays too (e.g. `api_keys = [{ key, user_id }]`). */
function camelDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelDeep);
  if (!isBag(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), camelDeep(v)]));
}

/** Sets `value` at a dotted path inside `target`, creating objects on the way. */
export function setPath(target: Bag, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (!isBag(node[part])) node[part] = {};
    node = node[part] as Bag;
  }
  node[parts[parts.length - 1] as string] = value;
}

/**
 * Turns a parsed file (snake_case, maybe Rust v1 sections) into our camelCase layer. v1 keys
 * become ours ({@link applyV1Key}); the ones we cannot honour are dropped with one warning each in
 * `notes`. Unknown keys are kept, so that the strict schema rejects them by name.
 */
export function normalizeFileLayer(raw: Bag, notes: V1Notes = { warnings: [], origins: {} }): Bag {
  const layer: Bag = {};
  for (const [sectionKey, section] of Object.entries(raw)) {
    const name = camel(sectionKey);
    if (!isBag(section)) {
      layer[name] = camelDeep(section);
      continue;
    }
    if (!isBag(layer[name])) layer[name] = {};
    for (const [key, value] of Object.entries(section)) {
      const k = camel(key);
      const v1 = applyV1Key(name, k, value, notes);
      if (v1 === undefined) (layer[name] as Bag)[k] = camelDeep(value);
      else if (v1 !== null) setPath(layer, v1.path, v1.value);
    }
  }
  return layer;
}

/** Reads a TOML or JSON config file into a layer; a bad file is a `CONFIG` error naming it. */
export function readConfigFile(path: string, notes?: V1Notes): Bag {
  if (!existsSync(path)) {
    const hint = "create it with `cortex-mem init` or fix the path";
    throw new CortexMemError(ErrorCode.CONFIG, `Config file not found: ${path} (${hint})`);
  }
  const text = readFileSync(path, "utf8");
  let raw: Bag;
  try {
    raw = path.endsWith(".json") ? (JSON.parse(text) as Bag) : (parseToml(text) as Bag);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new CortexMemError(ErrorCode.CONFIG, `Config file ${path} cannot be parsed: ${why}`, { cause });
  }
  return normalizeFileLayer(raw, notes);
}
