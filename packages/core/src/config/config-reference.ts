import type { z } from "zod";
import { snake } from "./config-file.js";
import { ENV_KEYS, SHARED_ENV_KEYS } from "./env-layer.js";
import { CONFIG_SECTIONS, homeKeySchema } from "./schema.js";
import type { ConfigKeyMeta } from "./schema.js";
import { V1_KEYS } from "./v1-keys.js";

/** One key of the file, as the template and the reference show it. */
interface KeyDoc {
  /** `memory.search_limit` */
  name: string;
  key: string;
  type: string;
  /** The default in TOML, or undefined when the key has none. */
  defaultValue: string | undefined;
  /** What the commented line shows: the default, else the example. */
  shown: string | undefined;
  env: string[];
  meta: ConfigKeyMeta;
}

const toml = (value: unknown): string => JSON.stringify(value);

/** The type of a key for people: unwraps defaults and optionals, lists enum values. */
function typeName(schema: z.ZodType): string {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType; entries?: Record<string, string> };
  if ((def.type === "default" || def.type === "optional" || def.type === "prefault") && def.innerType) {
    return typeName(def.innerType);
  }
  if (def.type === "enum")
    return Object.values(def.entries ?? {})
      .map((v) => toml(v))
      .join(" \\| ");
  return def.type === "array" ? "list" : def.type;
}

function defaultOf(schema: z.ZodType): string | undefined {
  const def = schema._zod.def as { type: string; defaultValue?: unknown };
  return def.type === "default" ? toml(def.defaultValue) : undefined;
}

const envFor = (path: string): string[] => [
  ...Object.entries(ENV_KEYS).flatMap(([env, p]) => (p === path ? [env] : [])),
  ...Object.entries(SHARED_ENV_KEYS).flatMap(([env, paths]) => (paths.includes(path) ? [env] : [])),
];

function keyDoc(section: string | null, key: string, schema: z.ZodType): KeyDoc {
  const meta = (schema.meta() ?? { description: "" }) as ConfigKeyMeta;
  const path = section ? `${section}.${key}` : key;
  const defaultValue = defaultOf(schema);
  const shown = defaultValue ?? (meta.example === undefined ? undefined : toml(meta.example));
  const name = section ? `${section}.${snake(key)}` : snake(key);
  const type = typeof meta.type === "string" ? meta.type : typeName(schema);
  return { name, key: snake(key), type, defaultValue, shown, env: envFor(path), meta };
}

/** The object schema of a table inside a section (`[memory.ttl]`), unwrapped from its default. */
function tableOf(schema: z.ZodType): z.ZodObject | undefined {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType };
  if ((def.type === "prefault" || def.type === "default" || def.type === "optional") && def.innerType)
    return tableOf(def.innerType);
  return def.type === "object" ? (schema as z.ZodObject) : undefined;
}

/** One section of the file (or a table inside one, `memory.ttl`), its keys and what it is for. */
export interface SectionDoc {
  section: string | null;
  keys: KeyDoc[];
  description?: string;
}

/** Every key of the file, section by section (a table inside a section follows it), from the schema. */
export function configKeyDocs(): SectionDoc[] {
  return [
    { section: null, keys: [keyDoc(null, "home", homeKeySchema)] },
    ...Object.entries(CONFIG_SECTIONS).flatMap(([section, schema]) => {
      const fields = Object.entries(schema.shape) as [string, z.ZodType][];
      const tables = fields.flatMap(([key, field]): SectionDoc[] => {
        const table = tableOf(field);
        if (!table) return [];
        const description = (field.meta() as ConfigKeyMeta | undefined)?.description;
        const keys = Object.entries(table.shape).map(([k, f]) => keyDoc(`${section}.${key}`, k, f as z.ZodType));
        return [{ section: `${section}.${snake(key)}`, keys, ...(description ? { description } : {}) }];
      });
      const keys = fields.filter(([, f]) => !tableOf(f)).map(([key, field]) => keyDoc(section, key, field));
      return [{ section, keys }, ...tables];
    }),
  ];
}

const describe = (k: KeyDoc): string => {
  const parts = [k.meta.description];
  if (k.meta.note) parts.push(`default: ${k.meta.note}`);
  if (k.env.length > 0) parts.push(`env: ${k.env.join(" or ")}`);
  return parts.join("; ");
};

/**
 * The commented `cortex-mem.toml` that `cortex-mem init` writes, generated from the schema: every
 * key with its description, its environment variable, and its default (or an example) commented out.
 */
export function configTemplate(): string {
  const lines = [
    "# cortex-mem.toml: configuration of Cortex Memory (CLI, REST service, MCP server).",
    "# Precedence: defaults < this file < environment variables (CORTEX_MEM_*, OPENAI_API_KEY) < flags.",
    "# Every line below is commented out and shows the default (or an example where there is none):",
    "# uncomment a line to change it. Check the result with `cortex-mem config` and `cortex-mem doctor`.",
    "# Unknown keys are errors. Reference: docs/CONFIG.md.",
  ];
  for (const { section, keys, description } of configKeyDocs()) {
    lines.push("");
    if (description) lines.push(`# ${description}`);
    if (section) lines.push(`[${section}]`);
    for (const k of keys) {
      lines.push(`# ${describe(k)}`);
      lines.push(`# ${k.key} = ${k.shown ?? '""'}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** docs/CONFIG.md, generated from the schema (`pnpm gen:config`; a test fails when it is stale). */
export function configReference(): string {
  const out = [
    "# Configuration reference",
    "",
    "<!-- Generated from packages/core/src/config/schema.ts by `pnpm gen:config`; do not edit by hand. -->",
    "",
    "Cortex Memory reads `cortex-mem.toml` (or `.json`) from `-c`/`--config`, `CORTEX_MEM_CONFIG`,",
    "the current directory, then `<home>`; environment variables override the file, flags override both.",
    "Keys are snake_case in files; a library passes the same keys in camelCase to `defineConfig`.",
    "An unknown key or section is a `CONFIG` error (CLI exit code 6) that names it, with a suggestion",
    "when it looks like a typo. The Rust version's `config.toml` keys are read as listed at the end",
    "(`packages/core/src/config/v1-keys.ts`); those without an effect here are ignored with a warning.",
    "`cortex-mem init` writes a commented template of this table.",
  ];
  for (const { section, keys, description } of configKeyDocs()) {
    out.push("", section ? `## [${section}]` : "## Top level", "");
    if (description) out.push(`${description}.`, "");
    out.push("| key | type | default | env | meaning |", "|---|---|---|---|---|");
    for (const k of keys) {
      const dflt = k.defaultValue ?? (k.meta.note ? k.meta.note.replaceAll("|", "\\|") : "—");
      const env = k.env.map((e) => `\`${e}\``).join(", ") || "—";
      const cell = k.defaultValue === undefined ? dflt : `\`${dflt}\``;
      out.push(`| \`${k.key}\` | ${k.type} | ${cell} | ${env} | ${k.meta.description.replaceAll("|", "\\|")} |`);
    }
  }
  out.push("", "## Rust v1 keys (`config.toml`)", "", "| key in the file | here |", "|---|---|");
  for (const [section, rules] of Object.entries(V1_KEYS)) {
    for (const [key, rule] of Object.entries(rules)) {
      const here =
        "to" in rule
          ? `\`${snakePath(rule.to)}\`${rule.scale ? ` (× ${rule.scale})` : ""}`
          : "deferred" in rule
            ? "converted to `memory.search_threshold` once the weights are known"
            : `ignored${rule.warn ? `, with a warning: ${rule.warn.replaceAll("|", "\\|")}` : ""}`;
      out.push(`| \`${snake(section)}.${snake(key)}\` | ${here} |`);
    }
  }
  return `${out.join("\n")}\n`;
}

const snakePath = (path: string): string => path.split(".").map(snake).join(".");
