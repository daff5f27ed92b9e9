import type * as z from "zod";
import { CONFIG_SECTIONS, configSchema, resolveDependentDefaults } from "./schema.js";
import type { ParsedSections } from "./schema.js";
import { sectionDefaults } from "./section-defaults.js";

type Sections = typeof CONFIG_SECTIONS;
type Parsed = ReturnType<typeof configSchema.safeParse>;

/**
 * Validates a merged configuration exactly as {@link configSchema} does, building only the
 * schemas of the sections it sets: a left-out section takes its written-out defaults
 * (`section-defaults.ts`). Anything the quick way does not accept as a whole — an unknown or
 * missing key, a bad value — goes through the whole schema, so errors are the schema's own.
 * Parses without zod's JIT (a configuration is parsed once per process).
 */
export function parseConfig(merged: Record<string, unknown>): Parsed {
  return sectionwise(merged) ?? configSchema.safeParse(merged, { jitless: true });
}

function sectionwise(merged: Record<string, unknown>): Parsed | undefined {
  for (const key of Object.keys(merged)) if (key !== "home" && !Object.hasOwn(CONFIG_SECTIONS, key)) return undefined;
  const home = merged.home;
  if (typeof home !== "string" || home.length === 0) return undefined;
  const sections: Partial<Record<keyof Sections, unknown>> = {};
  for (const name of Object.keys(CONFIG_SECTIONS) as (keyof Sections)[]) {
    const value = merged[name];
    if (value === undefined) {
      sections[name] = sectionDefaults(name);
      continue;
    }
    const parsed = (CONFIG_SECTIONS[name] as z.ZodType).safeParse(value, { jitless: true });
    if (!parsed.success) return undefined;
    sections[name] = parsed.data;
  }
  return { success: true, data: resolveDependentDefaults({ home, ...(sections as ParsedSections) }) } as Parsed;
}
