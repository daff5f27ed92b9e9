import { existsSync, readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import { CortexMemError, ErrorCode } from "../errors.js";
import { applyV1Key } from "./v1-keys.js";
import type { V1Notes } from "./v1-keys.js";

type Bag = Record<string, unknown>;

const camel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** camelCases the keys of objects inside arrays too (e.g. `api_keys = [{ key, user_id }]`). */
function camelDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelDeep);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value as Bag).map(([k, v]) => [camel(k), camelDeep(v)]));
}

/** Sets `value` at a dotted path inside `target`, creating objects on the way. */
export function setPath(target: Bag, path: string, value: unknown): void {
  const parts = path.split(".");
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== "object" || node[part] === null) node[part] = {};
    node = node[part] as Bag;
  }
  node[parts[parts.length - 1] as string] = value;
}

/**
 * Turns a parsed file (snake_case, Rust v1 sections) into our camelCase layer. v1 keys become
 * ours ({@link V1_KEYS}); the ones we cannot honour are dropped with one warning each in `notes`.
 */
export function normalizeFileLayer(raw: Bag, notes: V1Notes = { warnings: [], origins: {} }): Bag {
  const out: Bag = {};
  for (const [sectionKey, section] of Object.entries(raw)) {
    const name = camel(sectionKey);
    if (typeof section !== "object" || section === null || Array.isArray(section)) {
      out[name] = section;
      continue;
    }
    for (const [key, value] of Object.entries(section as Bag)) {
      const k = camel(key);
      const v1 = applyV1Key(name, k, value, notes);
      if (v1 === undefined) setPath(out, `${name}.${k}`, camelDeep(value));
      else if (v1 !== null) setPath(out, v1.path, v1.value);
    }
  }
  return out;
}

/** Reads a TOML or JSON config file into a layer; a bad file is a `CONFIG` error naming it. */
export function readConfigFile(path: string, notes?: V1Notes): Bag {
  if (!existsSync(path)) {
    throw new CortexMemError(ErrorCode.CONFIG, `Config file not found: ${path} (create it with \`cortex-mem init\` or fix the path)`);
  }
  const text = readFileSync(path, "utf8");
  try {
    const raw = path.endsWith(".json") ? (JSON.parse(text) as Bag) : (parseToml(text) as Bag);
    return normalizeFileLayer(raw, notes);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new CortexMemError(ErrorCode.CONFIG, `Config file ${path} cannot be parsed: ${why}`, { cause });
  }
}
