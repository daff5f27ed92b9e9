import { existsSync, readFileSync } from "node:fs";
import { parse as parseToml } from "smol-toml";
import { CortexMemError, ErrorCode } from "../errors.js";

type Bag = Record<string, unknown>;

const camel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** camelCases the keys of objects inside arrays too (e.g. `api_keys = [{ key, user_id }]`). */
function camelDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelDeep);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value as Bag).map(([k, v]) => [camel(k), camelDeep(v)]));
}

/** Keys of the Rust version's `config.toml` that mean one of ours, by section. */
const RUST_ALIASES: Record<string, Record<string, string>> = {
  qdrant: { collectionName: "collection", embeddingDim: "embedding.dimensions", timeoutSecs: "timeoutMs*1000" },
  llm: { apiBaseUrl: "baseUrl", modelEfficient: "model" },
  embedding: { apiBaseUrl: "baseUrl", modelName: "model", timeoutSecs: "timeoutMs*1000" },
  memory: {
    maxSearchResults: "searchLimit",
    searchSimilarityThreshold: "searchThreshold",
    mergeThreshold: "duplicateThreshold",
    similarityThreshold: "relatedThreshold",
  },
  server: { corsOrigins: "corsOrigins" },
};

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

/** Turns a parsed file (snake_case, Rust sections) into our camelCase layer. */
export function normalizeFileLayer(raw: Bag): Bag {
  const out: Bag = {};
  for (const [sectionKey, section] of Object.entries(raw)) {
    const name = camel(sectionKey);
    if (typeof section !== "object" || section === null || Array.isArray(section)) {
      out[name] = section;
      continue;
    }
    for (const [key, value] of Object.entries(section as Bag)) {
      const k = camel(key);
      const alias = RUST_ALIASES[name]?.[k];
      if (alias === undefined) setPath(out, `${name}.${k}`, camelDeep(value));
      else if (alias.endsWith("*1000")) setPath(out, `${name}.${alias.slice(0, -5)}`, Number(value) * 1000);
      else setPath(out, alias.includes(".") ? alias : `${name}.${alias}`, value);
    }
  }
  return out;
}

/** Reads a TOML or JSON config file into a layer; a bad file is a `CONFIG` error naming it. */
export function readConfigFile(path: string): Bag {
  if (!existsSync(path)) {
    throw new CortexMemError(ErrorCode.CONFIG, `Config file not found: ${path} (create it with \`cortex-mem init\` or fix the path)`);
  }
  const text = readFileSync(path, "utf8");
  try {
    const raw = path.endsWith(".json") ? (JSON.parse(text) as Bag) : (parseToml(text) as Bag);
    return normalizeFileLayer(raw);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message.split("\n")[0] : String(cause);
    throw new CortexMemError(ErrorCode.CONFIG, `Config file ${path} cannot be parsed: ${why}`, { cause });
  }
}
